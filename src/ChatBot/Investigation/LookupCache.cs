using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace ChatBot.Investigation;

/// <summary>Single-flight plus a short result cache for CloudTrail searches: twenty people asking about the same
/// instance during an incident cost one LookupEvents. A cached answer is used only while the instance's state
/// is what it was when the answer was found.</summary>
public sealed class LookupCache(IMemoryCache cache, TimeSpan lifetime, TimeSpan searchTimeout, ISharedSearches shared) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<EventTrail>>> inFlight = new();

    // Searches outlive the callers that started them; this ends any still running when the app is torn down.
    private readonly CancellationTokenSource closing = new();

    public EventTrail? TryGet(string key, string stateFingerprint) =>
        cache.TryGetValue<Cached>(key, out var hit) && hit!.Fingerprint == stateFingerprint ? hit.Trail : null;

    public bool Has(string key) => cache.TryGetValue(key, out _);

    /// <summary>Runs <paramref name="search"/> unless the same key is already being searched, in which case it joins that search.
    /// The search has its own deadline, so one caller giving up does not cancel it for the others. With a
    /// <paramref name="stateFingerprint"/>, the trail is stored before the search ends, so no later question can miss both.</summary>
    public Task<EventTrail> RunAsync(
        string key, string? stateFingerprint, Func<CancellationToken, Task<EventTrail>> search, CancellationToken callerToken)
    {
        var flight = inFlight.GetOrAdd(key, k => new Lazy<Task<EventTrail>>(() => Fly(k, stateFingerprint, search)));
        return flight.Value.WaitAsync(callerToken);
    }

    /// <summary>Keeps a trail for later questions. One without a stop is not kept: its stop event may still be on the way.</summary>
    public void Store(string key, string stateFingerprint, EventTrail trail)
    {
        if (trail.LastStop is not null && lifetime > TimeSpan.Zero)
        {
            cache.Set(key, new Cached(trail, stateFingerprint), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
        }
    }

    private async Task<EventTrail> Fly(string key, string? stateFingerprint, Func<CancellationToken, Task<EventTrail>> search)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        deadline.CancelAfter(searchTimeout);
        try
        {
            var trail = await shared.RunAsync(key, search, deadline.Token);
            if (stateFingerprint is not null)
            {
                Store(key, stateFingerprint, trail);
            }

            return trail;
        }
        finally
        {
            inFlight.TryRemove(key, out _);
        }
    }

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
    }

    private sealed record Cached(EventTrail Trail, string Fingerprint);
}
