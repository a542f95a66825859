using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Feed.Queue;

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
