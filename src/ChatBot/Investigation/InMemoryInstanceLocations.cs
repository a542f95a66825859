namespace ChatBot.Investigation;

/// <summary>Locations in process memory, the least recently used dropped beyond <paramref name="capacity"/>, so that a
/// flood of distinct IDs cannot grow memory without bound.</summary>
public sealed class InMemoryInstanceLocations(int capacity = InMemoryInstanceLocations.DefaultCapacity) : IInstanceLocations
{
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<string, LinkedListNode<(string Id, InstanceLocation Location)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, InstanceLocation Location)> recency = new();
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public ValueTask<InstanceLocation?> FindAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(instanceId, out var node))
            {
                return ValueTask.FromResult<InstanceLocation?>(null);
            }

            recency.Remove(node);
            recency.AddFirst(node);
            return ValueTask.FromResult<InstanceLocation?>(node.Value.Location);
        }
    }

    public ValueTask RememberAsync(string instanceId, InstanceLocation location, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (entries.Remove(instanceId, out var old))
            {
                recency.Remove(old);
            }

            entries[instanceId] = recency.AddFirst((instanceId, location));
            if (entries.Count > capacity && recency.Last is { } oldest)
            {
                entries.Remove(oldest.Value.Id);
                recency.RemoveLast();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(string instanceId, InstanceLocation location, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (entries.TryGetValue(instanceId, out var node) && node.Value.Location == location)
            {
                entries.Remove(instanceId);
                recency.Remove(node);
            }
        }

        return ValueTask.CompletedTask;
    }
}
