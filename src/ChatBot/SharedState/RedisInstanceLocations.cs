using ChatBot.Investigation;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>Where instances live, shared by every replica: one found by any replica is asked about only there by all.
/// This replica's own memory answers first and is always kept, so while Redis is down nothing is forgotten that one
/// replica alone would have remembered.</summary>
public sealed class RedisInstanceLocations(RedisConnection redis, InMemoryInstanceLocations local) : IInstanceLocations
{
    /// <summary>A location never changes; the TTL only lets instances nobody asks about any more fall away.</summary>
    private static readonly TimeSpan Life = TimeSpan.FromDays(7);

    // Deletes the entry only if it still names the location being forgotten: a newer one is kept.
    private const string ForgetIfSame = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async ValueTask<InstanceLocation?> FindAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (await local.FindAsync(instanceId, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return known;
        }

        var (ok, value) = await redis.TryAsync(db => db.StringGetAsync(RedisKeys.Location(instanceId)), cancellationToken).ConfigureAwait(false);
        if (!ok || Read(value) is not { } shared)
        {
            return null;
        }

        await local.RememberAsync(instanceId, shared, cancellationToken).ConfigureAwait(false);
        return shared;
    }

    public async ValueTask RememberAsync(string instanceId, InstanceLocation location, CancellationToken cancellationToken)
    {
        await local.RememberAsync(instanceId, location, cancellationToken).ConfigureAwait(false);
        await redis.TryAsync(db => db.StringSetAsync(RedisKeys.Location(instanceId), Write(location), Life), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ForgetAsync(string instanceId, InstanceLocation location, CancellationToken cancellationToken)
    {
        await local.ForgetAsync(instanceId, location, cancellationToken).ConfigureAwait(false);
        await redis.TryAsync(db => db.ScriptEvaluateAsync(ForgetIfSame, [RedisKeys.Location(instanceId)], [Write(location)]), cancellationToken)
            .ConfigureAwait(false);
    }

    // "region|account": a region never holds '|', so whatever the account's name, the value splits back exactly.
    private static string Write(InstanceLocation location) => $"{location.Region}|{location.AccountName}";

    private static InstanceLocation? Read(RedisValue value) =>
        value.HasValue && value.ToString().Split('|', 2) is [var region, var account] ? new InstanceLocation(account, region) : null;
}
