using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Work;

/// <summary>Runs queued work on a fixed number of loops. On shutdown (SIGTERM) it stops taking work and keeps
/// answering for up to the drain time (WHOSTOPPED_DRAIN_SECONDS). Whatever is still queued or running then is
/// abandoned, and its asker is told the bot is restarting: no acknowledged question ends in silence.
/// A job cut off after part of its answer was posted gets the notice too; a second "ask again" beats a half answer
/// that looks complete.</summary>
public sealed class SlackWorker(
    SlackBacklog backlog, QuestionAnswerer answerer, IWorkJournal journal, IOptions<SlackOptions> options, WhoStoppedMetrics metrics, ILogger<SlackWorker> log) : IHostedService, IDisposable
{
    /// <summary>How long the restarting notices may take. They go out together, so this bounds them all;
    /// AddSlack sets the host's shutdown timeout to the drain time plus this and a little more.</summary>
    public static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Cuts off questions: cancelled when the drain time is up.</summary>
    private readonly CancellationTokenSource drainOver = new();

    /// <summary>Cuts off the notice lane, only when the host stops waiting. A one-line notice is not cut off by the drain:
    /// one stopped mid-post may already be in the channel, and sending it again would say it twice.</summary>
    private readonly CancellationTokenSource hostGaveUp = new();
    private readonly ConcurrentQueue<Task> notices = new();
    private readonly Lock stopping = new();
    private Task[] loops = [];
    private Task? stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loops = Enumerable.Range(0, options.Value.Workers)
            .Select(_ => Task.Run(() => RunAllAsync(backlog.Work, drainOver), CancellationToken.None))
            .Concat(Enumerable.Range(0, SlackBacklog.NoticeWorkers).Select(_ => Task.Run(() => RunAllAsync(backlog.Notices, hostGaveUp), CancellationToken.None)))
            .ToArray();
        return Task.CompletedTask;
    }

    /// <summary>A host may be stopped twice (WebApplicationFactory's dispose races the app's own Run, which then
    /// disposes this worker); every caller waits on the one drain.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (stopping)
        {
            return stopped ??= DrainAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        drainOver.Dispose();
        hostGaveUp.Dispose();
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        backlog.Complete();
        drainOver.CancelAfter(options.Value.Drain);

        // The host's timeout is set above the drain time; should it run out first anyway, everything stops now.
        using var giveUp = cancellationToken.Register(() =>
        {
            drainOver.Cancel();
            hostGaveUp.Cancel();
        });
        await Task.WhenAll(loops);
        await Task.WhenAll(notices);
    }

    private async Task RunAllAsync(ChannelReader<SlackJob> reader, CancellationTokenSource cutOff)
    {
        await foreach (var job in reader.ReadAllAsync(CancellationToken.None))
        {
            var outcome = cutOff.IsCancellationRequested ? "abandoned" : await RunAsync(job, cutOff.Token);
            if (outcome == "abandoned")
            {
                notices.Enqueue(TellAsync(job));
            }
            else
            {
                await journal.DoneAsync(job, CancellationToken.None);
            }

            var elapsed = Stopwatch.GetElapsedTime(job.CreatedAt);
            metrics.CommandHandled(job.Name, outcome, elapsed);
            log.LogInformation("{Job} {Outcome} in {DurationMs:0} ms", job.Name, outcome, elapsed.TotalMilliseconds);
        }
    }

    /// <returns>The outcome for metrics and logs: "answered", "abandoned" (cut off at shutdown) or "error".</returns>
    private async Task<string> RunAsync(SlackJob job, CancellationToken cutOff)
    {
        try
        {
            await answerer.RunAsync(job, cutOff);
            return "answered";
        }
        catch (OperationCanceledException) when (cutOff.IsCancellationRequested)
        {
            return "abandoned";
        }
#pragma warning disable CA1031 // One failed job must not stop the loop that answers everyone else.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogError(e, "{Job} failed", job.Name);
            return "error";
        }
    }

    /// <summary>Started here but awaited only at the end of the drain: one notice after another could outlast the
    /// host's patience with a long queue.</summary>
    private async Task TellAsync(SlackJob job)
    {
        using var timeout = new CancellationTokenSource(NoticeTimeout);
        try
        {
            await answerer.AbandonAsync(job, timeout.Token);
            await journal.DoneAsync(job, CancellationToken.None);
            log.LogWarning("Shutdown: {Job} was not finished within the drain time; its asker was told to ask again", job.Name);
        }
#pragma warning disable CA1031 // Every abandoned job gets its try, whatever happened to the one before.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogError(e, "Shutdown: {Job} was not finished and its asker could not be told", job.Name);
        }
    }
}
