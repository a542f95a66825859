using System.Globalization;
using System.Text.Json;
using ChatBot.Aws;
using ChatBot.Feed;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>The feed's recent events, shared by every replica: an event one replica took off the queue answers a
/// question asked of any of them. One hash per instance (EventBridge ID → "event time|event JSON"), expiring a day
/// after its last event, at most <see cref="InMemoryRecentEvents.PerInstance"/> events each; an index of instances
/// bounds their number. This replica's own store is always written too and is read beside Redis, so an outage
/// forgets nothing this replica saw.</summary>
public sealed class RedisRecentEvents(RedisConnection redis, InMemoryRecentEvents local, TimeProvider time, int maxInstances) : IRecentEvents
{
    /// <summary>With <see cref="InMemoryRecentEvents.PerInstance"/> events each, a few hundred MB at the very worst.</summary>
    public const int DefaultMaxInstances = 100_000;

    // KEYS[1] the instance's hash, KEYS[2] the index. ARGV: id, entry, ttl ms, per instance, max instances, now ms.
    // Returns the instances pushed out of the index (member, score, …) for the caller to delete: a script names only
    // the keys it is given.
    private const string Add = """
        local added = redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
        if added == 0 then return {} end
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        if redis.call('HLEN', KEYS[1]) > tonumber(ARGV[4]) then
          local fields = redis.call('HGETALL', KEYS[1])
          local oldest, oldestTime
          for i = 1, #fields, 2 do
            local t = tonumber(string.match(fields[i + 1], '^(%d+)|'))
            if oldestTime == nil or t < oldestTime then oldest, oldestTime = fields[i], t end
          end
          redis.call('HDEL', KEYS[1], oldest)
        end
        local now = tonumber(ARGV[6])
        redis.call('ZADD', KEYS[2], now, KEYS[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]))
        local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[5])
        if over > 0 then return redis.call('ZPOPMIN', KEYS[2], over) end
        return {}
        """;

    public RedisRecentEvents(RedisConnection redis, InMemoryRecentEvents local, TimeProvider time)
        : this(redis, local, time, DefaultMaxInstances)
    {
    }

    public async ValueTask AddAsync(AwsAccount account, FeedEvent feedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(feedEvent);
        await local.AddAsync(account, feedEvent, cancellationToken).ConfigureAwait(false);
        var entry = $"{feedEvent.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}|{JsonSerializer.Serialize(feedEvent)}";
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var instanceId in feedEvent.InstanceIds)
        {
            var key = RedisKeys.RecentEvents(InMemoryRecentEvents.Key(account, feedEvent.Region, instanceId));
            var (ok, reply) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Add, [key, RedisKeys.RecentIndex],
                [feedEvent.Id, entry, (long)InMemoryRecentEvents.Memory.TotalMilliseconds, InMemoryRecentEvents.PerInstance, maxInstances, now]),
                cancellationToken).ConfigureAwait(false);
            if (ok && (RedisResult[])reply! is { Length: > 0 } popped)
            {
                RedisKey[] doomed = [.. popped.Where((_, i) => i % 2 == 0).Select(m => (RedisKey)(string)m!)];
                await redis.TryAsync(db => db.KeyDeleteAsync(doomed), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<IReadOnlyList<FeedEvent>> ForInstanceAsync(AwsAccount account, string region, string instanceId, CancellationToken cancellationToken)
    {
        var own = await local.ForInstanceAsync(account, region, instanceId, cancellationToken).ConfigureAwait(false);
        var key = RedisKeys.RecentEvents(InMemoryRecentEvents.Key(account, region, instanceId));
        var (ok, entries) = await redis.TryAsync(db => db.HashValuesAsync(key), cancellationToken).ConfigureAwait(false);
        if (!ok || entries.Length == 0)
        {
            return own;
        }

        var since = time.GetUtcNow() - InMemoryRecentEvents.Memory;
        var shared = entries.Select(e => Read(e.ToString())).OfType<FeedEvent>().Where(e => e.Time >= since);
        return [.. shared.Concat(own).DistinctBy(e => e.Id).OrderByDescending(e => e.Time)];
    }

    private static FeedEvent? Read(string entry)
    {
        try
        {
            return JsonSerializer.Deserialize<FeedEvent>(entry[(entry.IndexOf('|', StringComparison.Ordinal) + 1)..]);
        }
        catch (JsonException)
        {
            // Written by another version of the bot: the event is in LookupEvents soon enough.
            return null;
        }
    }
}
