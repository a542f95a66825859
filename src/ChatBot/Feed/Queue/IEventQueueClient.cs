namespace ChatBot.Feed.Queue;

/// <summary>The queue EventBridge feeds, reduced to the four calls the consumer makes. Real: <see cref="SqsQueueClient"/>.</summary>
public interface IEventQueueClient
{
    /// <summary>Waits up to 20 s (long polling) for at most 10 messages; an empty list when none came.</summary>
    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>The message was handled: it must not come back.</summary>
    Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken);

    /// <summary>The message was received but will not be handled here: visible again at once, for another consumer.</summary>
    Task ReleaseAsync(QueuedMessage message, CancellationToken cancellationToken);

    /// <summary>Whether the queue exists and the bot may read it (GetQueueAttributes); its visibility timeout, how long
    /// a received message stays hidden from other consumers.</summary>
    Task<TimeSpan> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="ReceiveCount">How often SQS has handed this message out, this time included.</param>
public sealed record QueuedMessage(string MessageId, string ReceiptHandle, string Body, int ReceiveCount)
{
    /// <summary>SQS's default visibility timeout.</summary>
    public static readonly TimeSpan DefaultHeldFor = TimeSpan.FromSeconds(30);

    /// <summary>How long this delivery is hidden from other consumers (the queue's visibility timeout): if it is not
    /// deleted by then, the message is delivered again.</summary>
    public TimeSpan HeldFor { get; init; } = DefaultHeldFor;
}

/// <summary>The queue refused the bot for a reason that waiting will not fix: it does not exist, or access is denied.</summary>
public sealed class QueueUnusableException(string errorCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public string ErrorCode { get; } = errorCode;
}
