using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.Accounts;

/// <summary>WHOSTOPPED_ACCOUNTS read into accounts, with every entry that cannot be read named back.</summary>
internal static partial class AccountList
{
    public static (IReadOnlyList<AwsAccount> Accounts, IReadOnlyList<string> Problems) Parse(AccountsOptions options, string partition)
    {
        var accounts = new List<AwsAccount>();
        var problems = new List<string>();
        foreach (var entry in (options.Accounts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Read(entry, options.RoleName, partition) is not { } account)
            {
                problems.Add($"{AccountsOptions.AccountsVariable}: '{entry}' is not alias=target, where the alias is letters, digits, "
                    + "'-' or '_' (not 12 digits) and the target a 12-digit account ID or a role ARN such as arn:aws:iam::123456789012:role/whostopped-read.");
            }
            else if (accounts.FirstOrDefault(a => a.Name == account.Name || a.Id == account.Id) is { } clash)
            {
                problems.Add($"{AccountsOptions.AccountsVariable}: '{entry}' repeats {(clash.Name == account.Name ? $"the alias '{clash.Name}'" : $"the account {clash.Id} of '{clash.Name}'")}.");
            }
            else
            {
                accounts.Add(account);
            }
        }

        return (accounts, problems);
    }

    /// <summary>Everything wrong with the accounts settings, each naming its variable.</summary>
    public static IReadOnlyList<string> Problems(AccountsOptions options)
    {
        var problems = Parse(options, "aws").Problems.ToList();
        if (!RoleName().IsMatch(options.RoleName ?? ""))
        {
            problems.Add($"{AccountsOptions.RoleNameVariable}: '{options.RoleName}' is not an IAM role name (letters, digits and +=,.@_-, optionally after a path).");
        }

        if (options.ExternalId is { } externalId && !ExternalId().IsMatch(externalId))
        {
            problems.Add($"{AccountsOptions.ExternalIdVariable}: an ExternalId is 2 to 1224 characters of letters, digits and +=,.@:/_-.");
        }

        if (string.IsNullOrEmpty(options.SsoStartUrl) != string.IsNullOrEmpty(options.SsoRoleName))
        {
            problems.Add($"{AccountsOptions.SsoStartUrlVariable} and {AccountsOptions.SsoRoleNameVariable} go together: console links need both the access portal URL and the permission set name.");
        }

        return problems;
    }

    private static AwsAccount? Read(string entry, string roleName, string partition)
    {
        var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts is not [var alias, var target] || !Alias().IsMatch(alias) || AccountId().IsMatch(alias))
        {
            return null;
        }

        var name = alias.ToLowerInvariant();
        if (AccountId().IsMatch(target))
        {
            return new AwsAccount(name) { Alias = name, Id = target, RoleArn = $"arn:{partition}:iam::{target}:role/{roleName}" };
        }

        return RoleArn().Match(target) is { Success: true } arn
            ? new AwsAccount(name) { Alias = name, Id = arn.Groups["id"].Value, RoleArn = target }
            : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Alias();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^arn:aws(?:-cn|-us-gov)?:iam::(?<id>\d{12}):role/(?:[\w+=,.@-]+/)*[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^(?:[\w+=,.@-]+/)*[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalId();
}

/// <summary>A bad WHOSTOPPED_ACCOUNTS entry stops start-up, naming the variable and the entry.</summary>
internal sealed class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options) =>
        AccountList.Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
