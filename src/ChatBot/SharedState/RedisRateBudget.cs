using ChatBot.Aws;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>One budget for every replica: a token bucket per key in Redis, taken by one Lua script so that the check
/// and the spend are atomic, timed by the Redis server's clock so replicas' clocks do not matter. Replicas together
/// stay within <c>burst + rate</c> requests in any second (with rate spaced 20% wide, as the in-memory budget is).
/// While Redis is unreachable the in-memory budget for the same key decides.</summary>
public sealed class RedisRateBudget(RedisConnection redis, string name, double requestsPerSecond, int burst, IRateBudget fallback) : IRateBudget
{
    /// <summary>How far ahead a slot may be booked. A booking is spent even if its waiter gives up, so this bounds the
    /// waste; one booking per replica at a time means eight replicas at 2/s never have to poll.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(5);

    // GCRA: the key holds the theoretical arrival time (ms, server clock). A request may go at tat - tolerance; it books
    // that moment and pushes tat by one interval. Returns the delay to the booked slot (>= 0), or, when the slot lies
    // beyond the horizon, minus the time to come back (< 0) without booking.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local interval = tonumber(ARGV[1])
        local tat = tonumber(redis.call('GET', KEYS[1]) or now)
        if tat < now then tat = now end
        local slot = tat - (tonumber(ARGV[2]) - 1) * interval
        if slot < now then slot = now end
        local delay = slot - now
        if delay > tonumber(ARGV[3]) then return -(delay - tonumber(ARGV[3])) - 1 end
        tat = tat + interval
        redis.call('SET', KEYS[1], tat, 'PX', math.ceil(tat - now) + 1000)
        return delay
        """;

    private readonly long intervalMs = (long)Math.Ceiling(1200 / requestsPerSecond);
    private readonly Dictionary<string, SemaphoreSlim> lanes = [];

    public async ValueTask WaitAsync(string key, CancellationToken cancellationToken)
    {
        // One waiter per key and replica talks to Redis at a time: the rest queue here, where giving up costs nothing.
        var lane = Lane(key);
        await lane.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var (ok, reply) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Script,
                    [RedisKeys.Budget(name, key)], [intervalMs, burst, (long)Horizon.TotalMilliseconds]), cancellationToken).ConfigureAwait(false);
                if (!ok)
                {
                    await fallback.WaitAsync(key, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var delay = (long)reply;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Abs(delay)), cancellationToken).ConfigureAwait(false);
                if (delay >= 0)
                {
                    return;
                }
            }
        }
        finally
        {
            lane.Release();
        }
    }

    private SemaphoreSlim Lane(string key)
    {
        lock (lanes)
        {
            return lanes.TryGetValue(key, out var lane) ? lane : lanes[key] = new SemaphoreSlim(1, 1);
        }
    }
}
