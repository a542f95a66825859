using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Aws.Accounts;

/// <summary>Which accounts the bot reads, how it gets into them, and how console links reach them.</summary>
public sealed class AccountsOptions
{
    public const string AccountsVariable = "WHOSTOPPED_ACCOUNTS";
    public const string RoleNameVariable = "WHOSTOPPED_ROLE_NAME";
    public const string ExternalIdVariable = "WHOSTOPPED_EXTERNAL_ID";
    public const string SsoStartUrlVariable = "WHOSTOPPED_SSO_START_URL";
    public const string SsoRoleNameVariable = "WHOSTOPPED_SSO_ROLE_NAME";

    /// <summary>Comma-separated <c>alias=target</c>; the target is a 12-digit account ID or a full role ARN.</summary>
    [ConfigurationKeyName(AccountsVariable)]
    public string? Accounts { get; set; }

    /// <summary>The role assumed in an account named by ID.</summary>
    [ConfigurationKeyName(RoleNameVariable)]
    public string RoleName { get; set; } = "whostopped-read";

    /// <summary>Passed as ExternalId on every AssumeRole.</summary>
    [ConfigurationKeyName(ExternalIdVariable)]
    public string? ExternalId { get; set; }

    /// <summary>The AWS access portal URL; with <see cref="SsoRoleName"/>, console links go through its shortcut links.</summary>
    [ConfigurationKeyName(SsoStartUrlVariable)]
    [Url]
    public string? SsoStartUrl { get; set; }

    /// <summary>The permission set the portal's shortcut links sign in with.</summary>
    [ConfigurationKeyName(SsoRoleNameVariable)]
    public string? SsoRoleName { get; set; }

    public bool AreConfigured => !string.IsNullOrWhiteSpace(Accounts);
}
