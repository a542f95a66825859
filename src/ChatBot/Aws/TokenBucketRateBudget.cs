using System.Collections.Concurrent;

namespace ChatBot.Aws;

/// <summary>A token bucket per key, as EC2 meters its API: up to <paramref name="burst"/> requests at once, then
/// <paramref name="perSecond"/> a second. A waiter that gives up takes no token.</summary>
public sealed class TokenBucketRateBudget(TimeProvider time, int burst, double perSecond) : IRateBudget
{
    private readonly ConcurrentDictionary<string, Bucket> buckets = new();

    public async ValueTask WaitAsync(string key, CancellationToken cancellationToken)
    {
        var bucket = buckets.GetOrAdd(key, _ => new Bucket(burst, time.GetUtcNow()));
        await bucket.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Refill(bucket);
            if (bucket.Tokens < 1)
            {
                await Task.Delay(TimeSpan.FromSeconds((1 - bucket.Tokens) / perSecond), time, cancellationToken).ConfigureAwait(false);
                Refill(bucket);
            }

            bucket.Tokens = Math.Max(0, bucket.Tokens - 1);
        }
        finally
        {
            bucket.Gate.Release();
        }
    }

    private void Refill(Bucket bucket)
    {
        var now = time.GetUtcNow();
        bucket.Tokens = Math.Min(burst, bucket.Tokens + ((now - bucket.Updated).TotalSeconds * perSecond));
        bucket.Updated = now;
    }

    private sealed class Bucket(double tokens, DateTimeOffset updated)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public double Tokens { get; set; } = tokens;
        public DateTimeOffset Updated { get; set; } = updated;
    }
}
