namespace ChatBot.Aws.Accounts;

/// <summary>An account's role could not be assumed (AccessDenied, a wrong ExternalId, expired credentials, STS out of reach).
/// Says which account, which role and what the bot's policy and the role's trust policy must allow.</summary>
public sealed class RoleUnavailableException(AwsAccount account, string errorCode, Exception inner)
    : Exception($"Could not search account {Describe(account)}: sts:AssumeRole on {account.RoleArn} failed ({errorCode}). "
        + "The bot's role needs `sts:AssumeRole` on that role, and the role's trust policy must allow the bot's role"
        + " (with the ExternalId, when WHOSTOPPED_EXTERNAL_ID is set).", inner)
{
    public AwsAccount Account { get; } = account;

    public string ErrorCode { get; } = errorCode;

    private static string Describe(AwsAccount account) => account.Alias is { } alias ? $"{alias} ({account.Id})" : account.Id ?? account.Name;
}
