namespace ChatBot.Aws;

/// <summary>The 12-digit ID of the account the bot's own credentials belong to (STS GetCallerIdentity, asked once and
/// shared by every caller: the accounts' own-account test, the archive's partition, the doctor). Real:
/// <see cref="Accounts.StsClient"/>.</summary>
public interface ICallerAccount
{
    Task<string> IdAsync(CancellationToken cancellationToken);
}
