using Amazon.Runtime;

namespace ChatBot.Aws.Accounts;

/// <summary>AssumeRole, the STS question behind every member account (the own account's ID is <see cref="ICallerAccount"/>'s).
/// Real: <see cref="StsClient"/>.</summary>
public interface ISecurityTokens
{
    /// <summary>Temporary credentials for <paramref name="roleArn"/>, with session name <c>whostopped</c>.</summary>
    Task<RoleSession> AssumeRoleAsync(string roleArn, string? externalId, CancellationToken cancellationToken);
}

public sealed record RoleSession(ImmutableCredentials Credentials, DateTimeOffset Expires);
