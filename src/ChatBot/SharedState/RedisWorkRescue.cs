using System.Diagnostics;
using ChatBot.Slack.Work;

namespace ChatBot.SharedState;

/// <summary>Every tick: renews this replica's leases on the work it holds, and takes over the work of replicas that
/// stopped renewing theirs (they died), queueing it here as if it had been asked here. On shutdown it stops taking
/// work at once but goes on renewing until the app is disposed, after the drain: work still running here must not be
/// taken over and answered twice.</summary>
public sealed partial class RedisWorkRescue(RedisWorkJournal journal, SlackBacklog backlog, ILogger<RedisWorkRescue> log) : IHostedService, IAsyncDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource disposed = new();
    private volatile bool taking = true;
    private int disposing;
    private Task loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => RunAsync(disposed.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        taking = false;
        return Task.CompletedTask;
    }

    /// <summary>Registered both as itself and as a hosted service, so it may be disposed twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposing, 1) == 1)
        {
            return;
        }

        await disposed.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        disposed.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // After an outage, owners get one lease to renew before anything of theirs looks abandoned.
        var quietUntil = 0L;
        try
        {
            while (true)
            {
                await Task.Delay(Tick, cancellationToken).ConfigureAwait(false);
                var take = taking && Stopwatch.GetTimestamp() >= quietUntil;
                var (ok, taken) = await journal.TickAsync(take ? backlog.Room : 0, cancellationToken).ConfigureAwait(false);
                if (!ok)
                {
                    quietUntil = Stopwatch.GetTimestamp() + (long)((journal.Lease + Tick).TotalSeconds * Stopwatch.Frequency);
                    continue;
                }

                foreach (var job in taken)
                {
                    if (backlog.TryEnqueue(job))
                    {
                        LogTookOver(job.Name, job.Ticket);
                    }
                    else
                    {
                        await journal.ReleaseAsync(job, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the drain is over.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over {Job} {Ticket}: the replica holding it stopped renewing its lease")]
    private partial void LogTookOver(string job, string? ticket);
}
