using Microsoft.Extensions.Options;

namespace ChatBot.Aws.Accounts;

/// <summary>The accounts the bot reads. Without WHOSTOPPED_ACCOUNTS, only <see cref="AwsAccount.Default"/>: the
/// credentials' own account, as a single-account bot always was.</summary>
public sealed class AccountDirectory
{
    public AccountDirectory(IReadOnlyList<AwsAccount> accounts)
    {
        All = accounts.Count > 0 ? accounts : [AwsAccount.Default];
    }

    public AccountDirectory(IOptions<AccountsOptions> options, IOptions<AwsOptions> aws)
        : this(AccountList.Parse(options.Value, Partition.ForRegion(aws.Value.HomeRegion).Name).Accounts)
    {
    }

    public IReadOnlyList<AwsAccount> All { get; }

    /// <summary>True when a question may name an account, and an unnamed one is searched for in all of them.</summary>
    public bool AreMany => All.Count > 1 || All[0] != AwsAccount.Default;

    /// <summary>The account with this alias (any case) or 12-digit ID; null when none is configured.</summary>
    public AwsAccount? Find(string aliasOrId) => All.FirstOrDefault(a =>
        a != AwsAccount.Default && (string.Equals(a.Alias, aliasOrId, StringComparison.OrdinalIgnoreCase) || a.Id == aliasOrId));

    /// <summary>What a question may call the accounts, for an error that lists them.</summary>
    public IReadOnlyList<string> Aliases => [.. All.Where(a => a.Alias is not null).Select(a => a.Alias!)];
}
