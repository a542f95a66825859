using System.Security.Cryptography;

namespace ChatBot.Slack.Rechecks;

/// <summary>Pending re-checks of this process alone, at most <see cref="DefaultCapacity"/>: lost at restart, so
/// shutdown abandons them with a note (see <see cref="RecheckAbandonment"/>).</summary>
public sealed class InMemoryPendingRechecks(int capacity) : IPendingRechecks
{
    /// <summary>Each entry costs at most six investigations over 20 minutes; a thousand is far beyond a bad incident.</summary>
    public const int DefaultCapacity = 1000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Slot> slots = new(StringComparer.Ordinal);

    // The due time (or lease expiry) as the score, the ID to break ties: the shape of a sorted set.
    private readonly SortedSet<(long Score, string Id)> byScore = new();

    public InMemoryPendingRechecks()
        : this(DefaultCapacity)
    {
    }

    public bool Durable => false;

    internal int Count
    {
        get
        {
            lock (gate)
            {
                return slots.Count;
            }
        }
    }

    /// <summary>Whether a claim holds an unexpired lease (a re-check is running).</summary>
    internal bool AnyLeased(DateTimeOffset now)
    {
        lock (gate)
        {
            return slots.Values.Any(s => s.Token is not null && s.Score > now.UtcTicks);
        }
    }

    public ValueTask<bool> TryAddAsync(PendingRecheck entry, DateTimeOffset due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            if (slots.Count >= capacity || slots.ContainsKey(entry.Id))
            {
                return ValueTask.FromResult(false);
            }

            Put(new Slot(entry, due.UtcTicks, Token: null));
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<RecheckLease?> ClaimNextDueAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(byScore.Count > 0 && byScore.Min.Score <= now.UtcTicks ? Lease(byScore.Min.Id, now, lease) : null);
        }
    }

    public ValueTask<RecheckLease?> ClaimAsync(string id, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var free = slots.TryGetValue(id, out var slot) && (slot.Token is null || slot.Score <= now.UtcTicks);
            return ValueTask.FromResult(free ? Lease(id, now, lease) : null);
        }
    }

    public ValueTask<bool> CompleteAsync(RecheckLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (gate)
        {
            if (!Holds(lease, out var slot))
            {
                return ValueTask.FromResult(false);
            }

            Remove(lease.Entry.Id, slot);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> RescheduleAsync(RecheckLease lease, PendingRecheck entry, DateTimeOffset due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            if (entry.Id != lease.Entry.Id || !Holds(lease, out var slot))
            {
                return ValueTask.FromResult(false);
            }

            Remove(entry.Id, slot);
            Put(new Slot(entry, due.UtcTicks, Token: null));
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<string>> WatchingAsync(string account, string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<string> ids = [.. slots.Values
                .Where(s => s.Entry.Account == account && string.Equals(s.Entry.InstanceId, instanceId, StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Entry.Id)];
            return ValueTask.FromResult(ids);
        }
    }

    /// <summary>The lease's expiry becomes the score, so an entry whose claimer died is due again when it lapses.</summary>
    private RecheckLease Lease(string id, DateTimeOffset now, TimeSpan lease)
    {
        var slot = slots[id];
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var until = now + lease;
        Remove(id, slot);
        Put(new Slot(slot.Entry, until.UtcTicks, token));
        return new RecheckLease(slot.Entry, token, until);
    }

    private bool Holds(RecheckLease lease, out Slot slot) =>
        slots.TryGetValue(lease.Entry.Id, out slot!) && slot.Token == lease.Token;

    private void Put(Slot slot)
    {
        slots[slot.Entry.Id] = slot;
        byScore.Add((slot.Score, slot.Entry.Id));
    }

    private void Remove(string id, Slot slot)
    {
        slots.Remove(id);
        byScore.Remove((slot.Score, id));
    }

    private sealed record Slot(PendingRecheck Entry, long Score, string? Token);
}

/// <summary>response_urls kept in this process only, behind random handles. Bounded: past the cap the oldest goes
/// (Slack's response_urls last 30 minutes anyway).</summary>
public sealed class InMemoryResponseUrlSeal(int capacity) : IResponseUrlSeal
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (string Url, long Order)> urls = new(StringComparer.Ordinal);
    private long next;

    public InMemoryResponseUrlSeal()
        : this(2 * InMemoryPendingRechecks.DefaultCapacity)
    {
    }

    public string Seal(string responseUrl)
    {
        var handle = "mem:" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        lock (gate)
        {
            if (urls.Count >= capacity)
            {
                urls.Remove(urls.MinBy(u => u.Value.Order).Key);
            }

            urls[handle] = (responseUrl, next++);
        }

        return handle;
    }

    public string? Open(string seal)
    {
        lock (gate)
        {
            return urls.TryGetValue(seal, out var kept) ? kept.Url : null;
        }
    }

    public void Discard(string seal)
    {
        lock (gate)
        {
            urls.Remove(seal);
        }
    }
}
