using Amazon.Runtime;

namespace ChatBot.Aws.Accounts;

/// <summary>One account's credentials: the role assumed once and reused until about five minutes before it expires,
/// refreshed by a single AssumeRole however many requests need it at that moment. When the account turns out to be
/// the bot's own (GetCallerIdentity), the bot's own credentials, with no AssumeRole at all.</summary>
internal sealed partial class RoleCredentials(
    AwsAccount account, AWSCredentials ownCredentials, ISecurityTokens sts, ICallerAccount caller, string? externalId,
    TimeProvider time, ILogger logger) : AWSCredentials
{
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    /// <summary>A refusal is kept a minute, so a storm of questions does not become a storm of AssumeRole calls.</summary>
    public static readonly TimeSpan RefusalKept = TimeSpan.FromMinutes(1);

    /// <summary>On the wall clock, not <c>time</c>: a network call's timeout is real time, whatever clock the sessions
    /// are kept on.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock gate = new();
    private Task<Session>? current;
    private Task<Owner>? owner;

    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        if (await SessionAsync(TimeSpan.Zero).ConfigureAwait(false) is not { } session)
        {
            return await ownCredentials.GetCredentialsAsync().ConfigureAwait(false);
        }

        return session.Credentials ?? throw session.Refusal!;
    }

    /// <summary>For <see cref="RoleSessions"/>: assumes the role again when the session in hand (or a refusal) would
    /// be due within <paramref name="ahead"/>, so that no question meets an expired one. True when it can be used.</summary>
    public async Task<bool> RenewAsync(TimeSpan ahead) => await SessionAsync(ahead).ConfigureAwait(false) is not { Credentials: null };

    /// <summary>The role's session, assumed again once it is usable for less than <paramref name="ahead"/>; null when
    /// the account is the bot's own (its own credentials, no AssumeRole).</summary>
    private async Task<Session?> SessionAsync(TimeSpan ahead)
    {
        if ((await Shared(ref owner, o => o.AskAgainAt, AskOwnerAsync).ConfigureAwait(false)).IsOwn)
        {
            return null;
        }

        return await Shared(ref current, s => s.UsableUntil - ahead, AssumeAsync).ConfigureAwait(false);
    }

    /// <summary>The answer in hand or on its way, shared by every caller; asked again once it is no longer usable.</summary>
    private Task<T> Shared<T>(ref Task<T>? slot, Func<T, DateTimeOffset> usableUntil, Func<Task<T>> ask)
    {
        lock (gate)
        {
            if (slot is null || (slot.IsCompleted && time.GetUtcNow() >= usableUntil(slot.Result)))
            {
                slot = ask();
            }

            return slot;
        }
    }

    // Unknown is not "own": the role is then assumed, and its failure is what the answer reports; asked again a minute later.
    private async Task<Owner> AskOwnerAsync()
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            return new Owner(await caller.IdAsync(timeout.Token).ConfigureAwait(false) == account.Id, DateTimeOffset.MaxValue);
        }
        catch (Exception e) when (IsAwsTrouble(e))
        {
            return new Owner(false, time.GetUtcNow() + RefusalKept);
        }
    }

    private async Task<Session> AssumeAsync()
    {
        // Shared by every request waiting on it, so no single question's cancellation may cut it short.
        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            var session = await sts.AssumeRoleAsync(account.RoleArn!, externalId, timeout.Token).ConfigureAwait(false);
            LogAssumed(account.Name, account.RoleArn!, session.Expires);
            return new Session(session.Credentials, null, session.Expires - RefreshBefore);
        }
        catch (Exception e) when (IsAwsTrouble(e))
        {
            var code = e switch
            {
                AwsCallException aws => aws.ErrorCode,
                NoCredentialsException => "NoCredentials",
                OperationCanceledException => "Timeout",
                _ => "NetworkError",
            };
            LogRefused(account.Name, account.RoleArn!, code);
            return new Session(null, new RoleUnavailableException(account, code, e), time.GetUtcNow() + RefusalKept);
        }
    }

    private static bool IsAwsTrouble(Exception e) => e is AwsCallException or NoCredentialsException or HttpRequestException
        or OperationCanceledException or AmazonClientException or AmazonServiceException;

    private sealed record Owner(bool IsOwn, DateTimeOffset AskAgainAt);

    private sealed record Session(ImmutableCredentials? Credentials, RoleUnavailableException? Refusal, DateTimeOffset UsableUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assumed {RoleArn} for account {Account}; credentials expire at {Expires:o}")]
    private partial void LogAssumed(string account, string roleArn, DateTimeOffset expires);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not assume {RoleArn} for account {Account}: {ErrorCode}")]
    private partial void LogRefused(string account, string roleArn, string errorCode);
}
