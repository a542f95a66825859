using System.Collections.Concurrent;

namespace ChatBot.Bench;

/// <summary>What a stand-in saw, appended from many request threads at once.</summary>
public sealed class Recorder<T>
{
    private ConcurrentQueue<T> items = new();

    public void Add(T item) => items.Enqueue(item);

    public IReadOnlyList<T> Snapshot() => [.. items];

    /// <summary>Forgets the warm-up, so that only the measured run is reported.</summary>
    public void Clear() => items = new ConcurrentQueue<T>();
}
