using ChatBot.Aws;

namespace ChatBot.Feed;

/// <summary>Keeps each event for <see cref="Memory"/> and never more than <paramref name="capacity"/> of them: the
/// oldest go first, so a burst of events cannot grow memory without bound. One lock: adds are a few per second
/// even in a busy organisation, and every operation is a handful of dictionary steps.</summary>
public sealed class InMemoryRecentEvents(TimeProvider time, int capacity) : IRecentEvents
{
    /// <summary>LookupEvents has caught up well within a day (15 minutes at worst, usually 5).</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(24);

    public const int DefaultCapacity = 100_000;

    /// <summary>An instance stopped and started in a loop keeps only its latest events.</summary>
    public const int PerInstance = 50;

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<FeedEvent>> byInstance = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset Added, string Key, FeedEvent Event)> arrivals = new();

    public InMemoryRecentEvents(TimeProvider time)
        : this(time, DefaultCapacity)
    {
    }

    /// <summary>Entries kept right now (one per event and instance).</summary>
    internal int Count
    {
        get
        {
            lock (gate)
            {
                return arrivals.Count;
            }
        }
    }

    public ValueTask AddAsync(AwsAccount account, FeedEvent feedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(feedEvent);
        var now = time.GetUtcNow();
        lock (gate)
        {
            foreach (var instanceId in feedEvent.InstanceIds)
            {
                var key = Key(account, feedEvent.Region, instanceId);
                var events = byInstance.TryGetValue(key, out var list) ? list : byInstance[key] = [];
                if (events.Any(e => e.Id == feedEvent.Id))
                {
                    continue;
                }

                events.Add(feedEvent);
                arrivals.Enqueue((now, key, feedEvent));
                if (events.Count > PerInstance)
                {
                    events.Remove(events.MinBy(e => e.Time)!);
                }
            }

            Expire(now);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<FeedEvent>> ForInstanceAsync(AwsAccount account, string region, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = time.GetUtcNow();
        lock (gate)
        {
            Expire(now);
            IReadOnlyList<FeedEvent> found = byInstance.TryGetValue(Key(account, region, instanceId), out var events)
                ? events.OrderByDescending(e => e.Time).ToList()
                : [];
            return ValueTask.FromResult(found);
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (arrivals.TryPeek(out var oldest) && (arrivals.Count > capacity || now - oldest.Added > Memory))
        {
            arrivals.Dequeue();
            if (byInstance.TryGetValue(oldest.Key, out var events))
            {
                // Already gone when the per-instance cap pushed it out; then this removes nothing.
                events.Remove(oldest.Event);
                if (events.Count == 0)
                {
                    byInstance.Remove(oldest.Key);
                }
            }
        }
    }

    /// <summary>account/region/instance: the one key of an instance's events, in memory and in a shared store.</summary>
    public static string Key(AwsAccount account, string region, string instanceId) =>
        $"{account.Name}/{region}/{instanceId.ToLowerInvariant()}";
}
