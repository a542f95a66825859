using System.Collections.Concurrent;

namespace ChatBot.Aws;

/// <summary>A request-rate budget shared by everything in the process (later: by every replica, via Redis).</summary>
public interface IRateBudget
{
    /// <summary>Waits until one more request under <paramref name="key"/> fits in the budget.</summary>
    ValueTask WaitAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Spaces requests under each key evenly, so no one-second window ever holds more than the budget.
/// A waiter that gives up leaves the queue without spending a slot, so abandoned questions cannot starve later ones.</summary>
public sealed class InMemoryRateBudget(TimeProvider time, double requestsPerSecond) : IRateBudget
{
    // 20% slack over 1/rate: requests reach AWS a little after they are granted, and unevenly (a first request also
    // resolves credentials and connects), so three arrivals still span more than a second with up to 200 ms of skew.
    private readonly TimeSpan interval = TimeSpan.FromSeconds(1.2 / requestsPerSecond);
    private readonly ConcurrentDictionary<string, Lane> lanes = new();

    public async ValueTask WaitAsync(string key, CancellationToken cancellationToken)
    {
        var lane = lanes.GetOrAdd(key, _ => new Lane());
        await lane.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wait = lane.LastGranted + interval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            lane.LastGranted = time.GetUtcNow();
        }
        finally
        {
            lane.Gate.Release();
        }
    }

    private sealed class Lane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public DateTimeOffset LastGranted { get; set; } = DateTimeOffset.MinValue;
    }
}

/// <summary>Takes one unit of the budget before every attempt, retries included: under the key the request names,
/// or, for a client that serves one account and region, under <paramref name="fixedKey"/>.</summary>
public sealed class RateBudgetHandler(IRateBudget budget, string? fixedKey = null) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> BudgetKey = new("whostopped.rate-budget");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if ((request.Options.TryGetValue(BudgetKey, out var named) ? named : fixedKey) is { } key)
        {
            await budget.WaitAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
