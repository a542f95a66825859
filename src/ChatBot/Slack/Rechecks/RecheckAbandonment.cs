using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Slack.Rechecks;

/// <summary>Shutdown with entries only this process holds (the in-memory store): each is taken, told in its thread that
/// the bot is restarting, and removed, all within <see cref="Timeout"/>.</summary>
public sealed partial class RecheckAbandonment(
    IPendingRechecks store, Rechecker rechecker, [FromKeyedServices(RecheckSchedule.ClockKey)] TimeProvider clock, ILogger<RecheckAbandonment> log)
{
    /// <summary>How long the abandonment notes may take at shutdown, all together.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task AbandonAllAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var notes = new List<Task>();
        try
        {
            // Far enough ahead to take every entry, leased ones included: their claims ended with the scheduler's loop.
            var all = clock.GetUtcNow() + TimeSpan.FromDays(1);
            while (await store.ClaimNextDueAsync(all, RecheckSchedule.Lease, timeout.Token) is { } lease)
            {
                notes.Add(AbandonAsync(lease, timeout.Token));
            }

            await Task.WhenAll(notes);
        }
        catch (OperationCanceledException)
        {
            LogAbandonCut(notes.Count(n => !n.IsCompleted));
        }
    }

    private async Task AbandonAsync(RecheckLease lease, CancellationToken cancellationToken)
    {
        try
        {
            await rechecker.AbandonAsync(lease, cancellationToken);
            LogAbandoned(lease.Entry.Id, lease.Entry.InstanceId);
        }
#pragma warning disable CA1031 // Every entry gets its note, whatever happened to the one before.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(lease.Entry.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown: re-check {WatchId} of {InstanceId} abandoned with a note")]
    private partial void LogAbandoned(string watchId, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: re-check {WatchId} could not be abandoned with a note")]
    private partial void LogFailed(string watchId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: {Count} abandonment note(s) did not go out in time")]
    private partial void LogAbandonCut(int count);
}
