namespace ChatBot.Aws;

/// <summary>A request-rate budget shared by everything in the process (later: by every replica, via Redis).</summary>
public interface IRateBudget
{
    /// <summary>Waits until one more request under <paramref name="key"/> fits in the budget.</summary>
    ValueTask WaitAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Spaces requests under each key evenly, so no one-second window ever holds more than the budget.</summary>
public sealed class InMemoryRateBudget(TimeProvider time, double requestsPerSecond) : IRateBudget
{
    // A hair over 1/rate, so that even a window closed at both ends never holds one request too many.
    private readonly TimeSpan interval = TimeSpan.FromSeconds(1 / requestsPerSecond) + TimeSpan.FromMilliseconds(10);
    private readonly Dictionary<string, DateTimeOffset> nextFree = [];
    private readonly Lock gate = new();

    public async ValueTask WaitAsync(string key, CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (gate)
        {
            var now = time.GetUtcNow();
            var slot = nextFree.TryGetValue(key, out var next) && next > now ? next : now;
            nextFree[key] = slot + interval;
            delay = slot - now;
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Takes one unit of the budget named by the request before every attempt, retries included.</summary>
public sealed class RateBudgetHandler(IRateBudget budget) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> BudgetKey = new("whostopped.rate-budget");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(BudgetKey, out var key))
        {
            await budget.WaitAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
