using ChatBot.Aws;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Feed.Queue;

/// <summary>Polls the queue (20 s long polls, 10 messages), handles each batch at once and deletes each message only
/// once it is handled. A malformed message is left alone: SQS hands it out again after its visibility timeout and,
/// after the queue's maxReceiveCount, moves it to the dead-letter queue. A queue that is missing or refused is
/// reported on /readyz and tried again every minute; nothing else in the bot depends on it. On shutdown polling stops
/// and every message received but not handled is released at once (visibility 0) for another replica.</summary>
public sealed partial class FeedConsumer(IEventQueueClient queue, FeedHandler handler, FeedStatus status, ILogger<FeedConsumer> log) : BackgroundService
{
    internal static readonly TimeSpan RefusedRetry = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(5);

    /// <summary>Deletes and releases after shutdown began get this long; the host is waiting.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting: the first long poll can take 20 s.
        await Task.Yield();
        var checkedQueue = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<QueuedMessage> batch;
            try
            {
                if (!checkedQueue)
                {
                    // A refusal says more this way than an empty poll would: GetQueueAttributes answers at once.
                    await queue.CheckAsync(stoppingToken);
                    checkedQueue = true;
                }

                batch = await queue.ReceiveAsync(stoppingToken);
                status.Polled(batch.Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (QueueUnusableException e)
            {
                checkedQueue = false;
                status.Refused(e.ErrorCode);
                LogRefused(e.ErrorCode, RefusedRetry.TotalSeconds);
                await Pause(RefusedRetry, stoppingToken);
                continue;
            }
#pragma warning disable CA1031 // The feed keeps trying whatever went wrong; the rest of the bot never waits on it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                status.Failing(e is AwsCallException aws ? aws.ErrorCode : e.GetType().Name);
                LogReceiveFailed(e);
                await Pause(FailureRetry, stoppingToken);
                continue;
            }

            await Task.WhenAll(batch.Select(m => HandleAsync(m, stoppingToken)));
        }
    }

    private async Task HandleAsync(QueuedMessage message, CancellationToken stoppingToken)
    {
        FeedOutcome outcome;
        try
        {
            outcome = await handler.HandleAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await SettleAsync(message, release: true);
            return;
        }
#pragma warning disable CA1031 // One message failing must not stop the others; it is delivered again later.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHandleFailed(message.MessageId, message.ReceiveCount, e);
            return;
        }

        status.Handled(outcome);
        if (outcome != FeedOutcome.Malformed)
        {
            await SettleAsync(message, release: false);
        }
        else if (stoppingToken.IsCancellationRequested)
        {
            // Released rather than held for the visibility timeout: it still counts one receive towards the DLQ.
            await SettleAsync(message, release: true);
        }
    }

    /// <summary>Deletes a handled message, or releases an unhandled one. Runs even while stopping, briefly.</summary>
    private async Task SettleAsync(QueuedMessage message, bool release)
    {
        using var timeout = new CancellationTokenSource(SettleTimeout);
        try
        {
            if (release)
            {
                await queue.ReleaseAsync(message, timeout.Token);
                LogReleased(message.MessageId);
            }
            else
            {
                await queue.DeleteAsync(message, timeout.Token);
            }
        }
#pragma warning disable CA1031 // A message not settled comes back after its visibility timeout, and is recognised then.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogSettleFailed(message.MessageId, release ? "released" : "deleted", e.Message);
        }
    }

    private static async Task Pause(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop sees it.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The events queue refused the bot ({ErrorCode}); the feed is off, retrying in {Seconds} s. Everything else works")]
    private partial void LogRefused(string errorCode, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from the events queue failed; retrying")]
    private partial void LogReceiveFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed message {MessageId} (receive {ReceiveCount}) was not handled; it comes back after its visibility timeout")]
    private partial void LogHandleFailed(string messageId, int receiveCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown: feed message {MessageId} released for another consumer")]
    private partial void LogReleased(string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed message {MessageId} could not be {What}: {Error}")]
    private partial void LogSettleFailed(string messageId, string what, string error);
}

/// <summary>What /readyz and the doctor say about the feed: off, polling (since when, and when a message last came), or
/// refused (and why).</summary>
public sealed class FeedStatus(TimeProvider time)
{
    private volatile string? problem;
    private volatile bool polled;
    private long handled;
    private long duplicates;
    private long malformed;
    private long pollingSinceTicks;
    private long lastMessageTicks;

    /// <summary>When this process first heard back from the queue; null until then.</summary>
    public DateTimeOffset? PollingSince => At(ref pollingSinceTicks);

    /// <summary>When this process last received a message; null when none has come since it started.</summary>
    public DateTimeOffset? LastMessageAt => At(ref lastMessageTicks);

    /// <summary>Why the queue cannot be read right now; null while polling works.</summary>
    public string? Problem => problem;

    /// <summary>A receive came back, with this many messages.</summary>
    public void Polled(int messages)
    {
        var now = time.GetUtcNow().UtcTicks;
        Interlocked.CompareExchange(ref pollingSinceTicks, now, 0);
        if (messages > 0)
        {
            Interlocked.Exchange(ref lastMessageTicks, now);
        }

        polled = true;
        problem = null;
    }

    public void Refused(string errorCode) => problem = errorCode.Contains("AccessDenied", StringComparison.Ordinal)
        ? $"The events queue refused access ({errorCode}): grant the bot's role sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility and sqs:GetQueueAttributes on it."
        : $"The events queue does not exist ({errorCode}): check {FeedOptions.QueueUrlKey} and deploy manifest/eventbridge.yaml.";

    public void Failing(string error) => problem = $"Receiving from the events queue fails ({error}); retrying.";

    public void Handled(FeedOutcome outcome)
    {
        switch (outcome)
        {
            case FeedOutcome.Duplicate:
                Interlocked.Increment(ref duplicates);
                break;
            case FeedOutcome.Malformed:
                Interlocked.Increment(ref malformed);
                break;
            default:
                Interlocked.Increment(ref handled);
                break;
        }
    }

    /// <summary>Degraded, not unhealthy, when the queue fails: questions are still answered, so the bot stays in service.</summary>
    public HealthCheckResult Report() => problem is { } p
        ? HealthCheckResult.Degraded(p + " Questions are still answered.")
        : HealthCheckResult.Healthy(polled
            ? $"Polling the events queue: {Interlocked.Read(ref handled)} events handled, {Interlocked.Read(ref duplicates)} duplicates, {Interlocked.Read(ref malformed)} malformed."
            : "Connecting to the events queue.");

    private static DateTimeOffset? At(ref long ticks) => Interlocked.Read(ref ticks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}
