using System.Collections.Concurrent;
using ChatBot.Aws;
using ChatBot.Aws.Accounts;

namespace ChatBot.Investigation;

public sealed partial class AccountSearch
{
    /// <summary>The answer as found in <paramref name="account"/>: its alias and ID, links through the access portal into
    /// it when WHOSTOPPED_SSO_START_URL is set, and the accounts that could not be searched.</summary>
    private Finding Stamp(Finding finding, AwsAccount? account, IReadOnlyList<Problem> notes)
    {
        var stamped = finding with { Unsearched = notes };
        if (account is null || account == AwsAccount.Default)
        {
            return stamped;
        }

        var sso = accountOptions.Value;
        stamped = stamped with { Account = new FindingAccount(account.Id, account.Alias) };
        return sso.SsoStartUrl is { Length: > 0 } portal && sso.SsoRoleName is { Length: > 0 } role && account.Id is { } id
            ? stamped with { Links = stamped.Links.ThroughPortal(portal, id, role) }
            : stamped;
    }

    /// <summary>What one question's search learnt about the accounts: which could not be searched, and why.</summary>
    private sealed class Search
    {
        private readonly ConcurrentDictionary<string, RoleUnavailableException> refused = new();

        public bool Refused(AwsAccount account) => refused.ContainsKey(account.Name);

        public void Failed(AwsAccount account, Exception e, ILogger logger)
        {
            if (e is RoleUnavailableException role)
            {
                refused.TryAdd(account.Name, role);
            }
            else
            {
                // EC2 failing in one account and region is not the instance missing there: its CloudTrail is still asked.
                LogDescribeFailed(logger, account.Name, e.GetType().Name, e.Message);
            }
        }

        public IReadOnlyList<Problem> Notes(AccountDirectory accounts) =>
            [.. accounts.All.Where(a => refused.ContainsKey(a.Name)).Select(a => Problem.Refused(refused[a.Name]))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Searching account {Account} failed: {ErrorType}: {ErrorMessage}")]
    private static partial void LogDescribeFailed(ILogger logger, string account, string errorType, string errorMessage);
}
