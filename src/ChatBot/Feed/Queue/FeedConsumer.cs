using ChatBot.Aws;

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
        var heldFor = QueuedMessage.DefaultHeldFor;
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<QueuedMessage> batch;
            try
            {
                if (!checkedQueue)
                {
                    // A refusal says more this way than an empty poll would: GetQueueAttributes answers at once.
                    heldFor = await queue.CheckAsync(stoppingToken);
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

            await Task.WhenAll(batch.Select(m => HandleAsync(m with { HeldFor = heldFor }, stoppingToken)));
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
