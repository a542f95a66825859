namespace ChatBot.Investigation;

/// <summary>Where one replica's CloudTrail search is also every other replica's: with Redis, a second replica asked
/// about the same instance waits for the first's result instead of searching again. Callers never know which.</summary>
public interface ISharedSearches
{
    /// <summary>Runs <paramref name="search"/>, or takes the result of the same search running elsewhere.</summary>
    Task<EventTrail> RunAsync(string key, Func<CancellationToken, Task<EventTrail>> search, CancellationToken cancellationToken);
}

/// <summary>One replica alone: its own single-flight (<see cref="LookupCache"/>) is all the sharing there is.</summary>
public sealed class InProcessSearches : ISharedSearches
{
    public Task<EventTrail> RunAsync(string key, Func<CancellationToken, Task<EventTrail>> search, CancellationToken cancellationToken) =>
        search(cancellationToken);
}
