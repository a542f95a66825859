using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Slack.Handlers;

/// <summary>Event IDs already answered, so that Slack's retries (X-Slack-Retry-Num) are answered once.
/// In memory today; a Redis set shared by replicas can replace it without touching callers.</summary>
public interface ISeenEvents
{
    /// <summary>True the first time an ID is offered within the memory window; false for every repeat.</summary>
    ValueTask<bool> FirstTimeAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Claims an ID for one delivery that is being handled: true the first time. A repeat is refused while the
    /// claim stands, and for the whole memory window once <see cref="HandledAsync"/> confirms it. A claim never
    /// confirmed (its process died mid-handling) lapses after <paramref name="lease"/>, so that the delivery that
    /// comes back is handled rather than taken for a repeat.</summary>
    ValueTask<bool> ClaimAsync(string eventId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>The claimed ID's delivery was handled: every repeat within the memory window is refused.</summary>
    ValueTask HandledAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Forgets an ID, so that its next delivery counts as the first (for a delivery the bot refused).</summary>
    ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken);
}

/// <summary>Remembers IDs for <see cref="Memory"/>, and never more than a fixed number of them: past the cap the oldest
/// tenth is forgotten, so a flood of events cannot grow memory without bound.</summary>
public sealed class InMemorySeenEvents(TimeProvider time, int capacity) : ISeenEvents
{
    /// <summary>Slack retries within minutes; an hour is ample and keeps the set small.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    /// <summary>A few MB at most. Only an event rate above ~28 a second for an hour forgets an ID early, and even
    /// then the forgotten ones are the oldest, long past Slack's last retry (about 5 minutes after the first try).</summary>
    public const int DefaultCapacity = 100_000;

    private const int MaxKeptLength = 64;

    // Each ID with the time it may be offered again: a lease's end, or the end of the memory window.
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private long nextSweepTicks;
    private int count;
    private int evicting;

    public InMemorySeenEvents(TimeProvider time)
        : this(time, DefaultCapacity)
    {
    }

    /// <summary>IDs remembered right now.</summary>
    internal int Count => Volatile.Read(ref count);

    public ValueTask<bool> FirstTimeAsync(string eventId, CancellationToken cancellationToken) => ClaimAsync(eventId, Memory, cancellationToken);

    public ValueTask<bool> ClaimAsync(string eventId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        MakeRoomIfFull();
        var key = KeyFor(eventId);
        if (seen.TryAdd(key, now + lease))
        {
            Interlocked.Increment(ref count);
            return ValueTask.FromResult(true);
        }

        // Present but lapsed: a sweep has not reached it yet.
        var first = seen.TryGetValue(key, out var until) && now >= until && seen.TryUpdate(key, now + lease, until);
        return ValueTask.FromResult(first);
    }

    public ValueTask HandledAsync(string eventId, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + Memory;
        var key = KeyFor(eventId);
        if (seen.TryAdd(key, until))
        {
            Interlocked.Increment(ref count);
        }
        else
        {
            seen[key] = until;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken)
    {
        if (seen.TryRemove(KeyFor(eventId), out _))
        {
            Interlocked.Decrement(ref count);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Slack's event IDs are a dozen characters; a longer one is kept as its SHA-256, so the cap on entries
    /// also bounds the bytes.</summary>
    internal static string KeyFor(string eventId) => eventId.Length <= MaxKeptLength
        ? eventId
        : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));

    private void SweepIfDue(DateTimeOffset now)
    {
        // One caller per minute wins the sweep; the rest carry on.
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < due
            || Interlocked.CompareExchange(ref nextSweepTicks, now.UtcTicks + TimeSpan.TicksPerMinute, due) != due)
        {
            return;
        }

        foreach (var entry in seen)
        {
            if (now >= entry.Value)
            {
                Forget(entry);
            }
        }
    }

    /// <summary>Sorting the set is costly, so it happens once per tenth of the capacity, by one caller at a time.</summary>
    private void MakeRoomIfFull()
    {
        if (Count < capacity || Interlocked.Exchange(ref evicting, 1) == 1)
        {
            return;
        }

        try
        {
            var oldestFirst = seen.ToArray().OrderBy(e => e.Value).ToList();
            foreach (var entry in oldestFirst.Take(oldestFirst.Count - (capacity * 9 / 10)))
            {
                Forget(entry);
            }
        }
        finally
        {
            Volatile.Write(ref evicting, 0);
        }
    }

    private void Forget(KeyValuePair<string, DateTimeOffset> entry)
    {
        if (seen.TryRemove(entry))
        {
            Interlocked.Decrement(ref count);
        }
    }
}
