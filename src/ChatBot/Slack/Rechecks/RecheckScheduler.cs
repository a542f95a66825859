using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Slack.Rechecks;

/// <summary>Runs the pending re-checks: each as it falls due, and at once when the feed delivers the instance's stop or
/// someone presses "Check again". A few at a time, so that re-checks never crowd out new questions' LookupEvents.
/// On shutdown, entries only this process holds are abandoned with a line in each thread
/// (<see cref="RecheckAbandonment"/>); a durable store keeps them for the next replica.</summary>
public sealed partial class RecheckScheduler(
    IPendingRechecks store, Rechecker rechecker, RecheckAbandonment abandonment, [FromKeyedServices(RecheckSchedule.ClockKey)] TimeProvider clock,
    ILogger<RecheckScheduler> log)
    : BackgroundService
{
    /// <summary>Re-checks running at once.</summary>
    public const int Concurrency = 4;

    /// <summary>How often the store is asked for due entries. Small beside the minutes between re-checks, and a shared
    /// store is asked by every replica.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private readonly Channel<Wake> wakes = Channel.CreateBounded<Wake>(new BoundedChannelOptions(InMemoryPendingRechecks.DefaultCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly SemaphoreSlim slots = new(Concurrency, Concurrency);
    private readonly ConcurrentDictionary<Task, byte> running = new();
    private readonly Lock stopping = new();
    private Task? stopped;

    /// <summary>The feed saw a stop of <paramref name="instanceId"/>: the answers waiting for it are checked now.</summary>
    public async Task StopSeenAsync(string account, string instanceId, CancellationToken cancellationToken)
    {
        foreach (var id in await store.WatchingAsync(account, instanceId, cancellationToken))
        {
            wakes.Writer.TryWrite(new Wake(id, RecheckTrigger.FeedStop, null));
        }
    }

    /// <summary>"Check again": checked now; <paramref name="responseUrl"/> (the click's) hears if nothing changed.
    /// Kept only in memory, with the click.</summary>
    /// <returns>False when the bot cannot take it now.</returns>
    public bool CheckNow(string watchId, string? responseUrl) => wakes.Writer.TryWrite(new Wake(watchId, RecheckTrigger.Button, responseUrl));

    /// <summary>A check that was woken before its answer was placed, and deferred: run it now that it is.</summary>
    public void RunDeferred(string watchId) => wakes.Writer.TryWrite(new Wake(watchId, RecheckTrigger.FeedStop, null));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (wakes.Reader.TryRead(out var wake))
                {
                    await StartAsync(ct => store.ClaimAsync(wake.Id, clock.GetUtcNow(), RecheckSchedule.Lease, ct), wake, stoppingToken);
                }

                while (await StartAsync(ct => store.ClaimNextDueAsync(clock.GetUtcNow(), RecheckSchedule.Lease, ct), null, stoppingToken))
                {
                }

                await NextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The store failing (a shared one unreachable) must not end the re-checks for good.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogStoreFailed(e);
                await PauseAsync(stoppingToken);
            }
        }
    }

    /// <summary>A host may be stopped twice at once (WebApplicationFactory's dispose races the app's own Run): both
    /// wait on the one stop, so neither returns while the notes are still going out.</summary>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (stopping)
        {
            return stopped ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(running.Keys);
        if (!store.Durable)
        {
            await abandonment.AbandonAllAsync(cancellationToken);
        }
    }

    public override void Dispose()
    {
        slots.Dispose();
        base.Dispose();
    }

    /// <returns>False when there was nothing to claim.</returns>
    private async Task<bool> StartAsync(Func<CancellationToken, ValueTask<RecheckLease?>> claim, Wake? wake, CancellationToken stoppingToken)
    {
        await slots.WaitAsync(stoppingToken);
        RecheckLease? lease;
        try
        {
            lease = await claim(stoppingToken);
        }
        catch
        {
            slots.Release();
            throw;
        }

        if (lease is null)
        {
            slots.Release();
            if (wake is { Trigger: RecheckTrigger.Button, ResponseUrl: { } url })
            {
                Track(rechecker.TellNotWatchingAsync(url, stoppingToken));
            }

            return false;
        }

        Track(RunAsync(lease, wake, stoppingToken));
        return true;
    }

    private async Task RunAsync(RecheckLease lease, Wake? wake, CancellationToken stoppingToken)
    {
        try
        {
            await rechecker.RunAsync(lease, wake?.Trigger ?? RecheckTrigger.Scheduled, wake?.ResponseUrl, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: abandoned (or left to another replica) in StopAsync.
        }
#pragma warning disable CA1031 // One re-check failing must not stop the others; its lease lapses and it is tried again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRunFailed(lease.Entry.Id, e);
        }
        finally
        {
            slots.Release();
        }
    }

    private void Track(Task task)
    {
        running.TryAdd(task, 0);
        _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Until a wake arrives or the next poll.</summary>
    private async Task NextAsync(CancellationToken stoppingToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = wakes.Reader.WaitToReadAsync(either.Token).AsTask();
        var polled = Task.Delay(Poll, clock, either.Token);
        await Task.WhenAny(woken, polled);
        await either.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Poll, clock, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop sees it.
        }
    }

    private sealed record Wake(string Id, RecheckTrigger Trigger, string? ResponseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending re-checks could not be read; trying again shortly")]
    private partial void LogStoreFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-check {WatchId} failed")]
    private partial void LogRunFailed(string watchId, Exception exception);

}
