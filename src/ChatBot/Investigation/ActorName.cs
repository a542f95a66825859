using System.Text.RegularExpressions;

namespace ChatBot.Investigation;

/// <summary>Turns a CloudTrail userIdentity into the name a person recognises: an email over a role ARN.</summary>
public static partial class ActorName
{
    public static Actor From(TrailRecord record)
    {
        var id = record.UserIdentity ?? new UserIdentity();
        var actor = Name(id) with { AccessKeyId = id.AccessKeyId, Mfa = Mfa(id) };
        return actor;
    }

    private static Actor Name(UserIdentity id)
    {
        var issuer = id.SessionContext?.SessionIssuer;
        var session = SessionName(id.Arn);

        // A source identity is set by the person's own sign-in and survives role chaining, so it beats any session name.
        if (id.SessionContext?.SourceIdentity is { Length: > 0 } source)
        {
            return new Actor(source, KindOf(id), id.Arn) { Detail = RoleDetail(issuer?.UserName) };
        }

        if (issuer?.UserName is { } role && SsoRole().Match(role) is { Success: true } sso && session is not null)
        {
            return new Actor(session, "sso-user", id.Arn) { Detail = $"IAM Identity Center, permission set {sso.Groups["set"].Value}" };
        }

        if (ServiceName(id) is { } service)
        {
            return new Actor(service, "aws-service", id.Arn) { Detail = id.InvokedBy };
        }

        return id.Type switch
        {
            "AssumedRole" when session is not null => new Actor(session, "assumed-role", id.Arn) { Detail = RoleDetail(issuer?.UserName ?? RoleName(id.Arn)) },
            "IAMUser" => new Actor(id.UserName ?? session ?? "an IAM user", "iam-user", id.Arn),
            "Root" => new Actor($"the root user of account {id.AccountId}", "root", id.Arn),
            "FederatedUser" => new Actor(session ?? id.PrincipalId ?? "a federated user", "federated-user", id.Arn) { Detail = "federated user" },
            _ => new Actor(id.UserName ?? session ?? id.PrincipalId ?? "someone unknown", "unknown", id.Arn),
        };
    }

    private static string KindOf(UserIdentity id) => id.Type switch
    {
        "AssumedRole" => "assumed-role",
        "IAMUser" => "iam-user",
        "FederatedUser" => "federated-user",
        _ => "unknown",
    };

    /// <summary>The AWS service behind a call: an AWSService identity, or a principal invoked by a service.</summary>
    private static string? ServiceName(UserIdentity id)
    {
        var host = id.Type == "AWSService" ? id.InvokedBy ?? id.PrincipalId : id.InvokedBy;
        // "AWS Internal" marks console back-end calls made on a person's behalf, not a service acting alone.
        return host is null || !host.EndsWith(".amazonaws.com", StringComparison.Ordinal) ? null : CallChannel.ServiceFor(host);
    }

    private static string? RoleDetail(string? role) => role is null ? null : $"role {role}";

    /// <summary>"arn:aws:sts::111122223333:assumed-role/Role/session" → "session".</summary>
    private static string? SessionName(string? arn) =>
        arn?.Split(':', 6) is [_, _, _, _, _, var resource] && resource.Split('/') is ["assumed-role", _, var session, ..] ? session
        : arn?.Split(':', 6) is [_, _, _, _, _, var federated] && federated.StartsWith("federated-user/", StringComparison.Ordinal) ? federated[15..]
        : null;

    private static string? RoleName(string? arn) =>
        arn?.Split(':', 6) is [_, _, _, _, _, var resource] && resource.Split('/') is ["assumed-role", var role, ..] ? role : null;

    private static bool? Mfa(UserIdentity id) => id.SessionContext?.Attributes?.MfaAuthenticated switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    [GeneratedRegex("^AWSReservedSSO_(?<set>.+)_[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex SsoRole();
}
