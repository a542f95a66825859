using System.Collections.Concurrent;

namespace ChatBot.Slack;

/// <summary>Event IDs already answered, so that Slack's retries (X-Slack-Retry-Num) are answered once.
/// In memory today; a Redis set shared by replicas can replace it without touching callers.</summary>
public interface ISeenEvents
{
    /// <summary>True the first time an ID is offered within the memory window; false for every repeat.</summary>
    ValueTask<bool> FirstTimeAsync(string eventId, CancellationToken cancellationToken);
}

public sealed class InMemorySeenEvents(TimeProvider time) : ISeenEvents
{
    /// <summary>Slack retries within minutes; an hour is ample and keeps the set small.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private long nextSweepTicks;

    public ValueTask<bool> FirstTimeAsync(string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        if (seen.TryAdd(eventId, now))
        {
            return ValueTask.FromResult(true);
        }

        // Present but forgotten in spirit: a sweep has not reached it yet.
        var first = seen.TryGetValue(eventId, out var at) && now - at > Memory && seen.TryUpdate(eventId, now, at);
        return ValueTask.FromResult(first);
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        // One caller per minute wins the sweep; the rest carry on.
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < due
            || Interlocked.CompareExchange(ref nextSweepTicks, now.UtcTicks + TimeSpan.TicksPerMinute, due) != due)
        {
            return;
        }

        foreach (var (id, at) in seen)
        {
            if (now - at > Memory)
            {
                seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, at));
            }
        }
    }
}
