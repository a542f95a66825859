using System.Collections.Concurrent;

namespace ChatBot.Aws.Accounts;

/// <summary>Keeps every member account's role session in hand. Each role is assumed at start-up, so a trust policy
/// that refuses the bot shows in the log and on /readyz when it is deployed, not in an incident's first question; and
/// each session is renewed in the background a little before it would be, so a question does not wait for STS.
/// That is one AssumeRole per account per session (about 1.1 an hour with one-hour sessions). A refused role is tried
/// again every <see cref="RefusedRetry"/> here; a question still tries it on its own a minute after a refusal.</summary>
internal sealed partial class RoleSessions(
    AccountDirectory accounts, AccountCredentials credentials, TimeProvider time, ILogger<RoleSessions> logger) : BackgroundService
{
    /// <summary>How often the sessions are looked at; one due within two of these is renewed.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan RefusedRetry = TimeSpan.FromMinutes(15);

    /// <summary>At most this many AssumeRole at once, so a large organisation's start-up is not a burst on STS.</summary>
    public const int AtOnce = 16;

    private readonly ConcurrentDictionary<string, DateTimeOffset> refusedUntil = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var roles = new List<(AwsAccount Account, RoleCredentials Role)>();
        foreach (var account in accounts.All)
        {
            if (credentials.For(account) is RoleCredentials role)
            {
                roles.Add((account, role));
            }
        }

        if (roles.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                await KeepAsync(roles, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task KeepAsync(List<(AwsAccount Account, RoleCredentials Role)> roles, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var due = roles.Where(r => !refusedUntil.TryGetValue(r.Account.Name, out var until) || now >= until).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = stoppingToken };
        var refused = 0;
        await Parallel.ForEachAsync(due, options, async (role, _) =>
        {
            if (!await RenewAsync(role.Account, role.Role).ConfigureAwait(false))
            {
                Interlocked.Increment(ref refused);
                refusedUntil[role.Account.Name] = now + RefusedRetry;
            }
            else
            {
                refusedUntil.TryRemove(role.Account.Name, out DateTimeOffset _);
            }
        }).ConfigureAwait(false);

        if (refused > 0)
        {
            LogRefused(refused, RefusedRetry.TotalMinutes);
        }
    }

    /// <returns>False when the role was refused, or keeping it failed in any other way.</returns>
    private async Task<bool> RenewAsync(AwsAccount account, RoleCredentials role)
    {
        try
        {
            return await role.RenewAsync(2 * Tick).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failure here must not stop the host: questions assume the role themselves.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(account.Name, e.GetType().Name, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping account {Account}'s role session failed ({ErrorType}: {ErrorMessage}); questions assume it themselves")]
    private partial void LogFailed(string account, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} member role(s) refused; tried again in the background every {Minutes} minutes (see the warnings above and /readyz)")]
    private partial void LogRefused(int count, double minutes);
}
