using StackExchange.Redis;

namespace ChatBot.Tests.SharedState.Support;

/// <summary>Everything the bot left in one Redis database, of whatever type, as text: to check names, expiry and that
/// nothing secret is stored in clear.</summary>
internal static class RedisKeyScan
{
    public static async Task<IReadOnlyList<(string Key, TimeSpan? Ttl, string Stored)>> AllAsync(string configuration)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var database = redis.GetDatabase();
        var found = new List<(string, TimeSpan?, string)>();
        foreach (var key in redis.GetServers().Single().Keys(database.Database))
        {
            var stored = await database.KeyTypeAsync(key) switch
            {
                RedisType.String => (string?)await database.StringGetAsync(key),
                RedisType.Hash => string.Join(' ', (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
                RedisType.SortedSet => string.Join(' ', (await database.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}={e.Score}")),
                RedisType.List => string.Join(' ', await database.ListRangeAsync(key)),
                RedisType.Set => string.Join(' ', await database.SetMembersAsync(key)),
                var other => $"<{other}>",
            };
            var ttl = await database.KeyTimeToLiveAsync(key);
            // A key gone between the listing and now expired by itself (a budget's lives a second or two).
            if (ttl is not null || await database.KeyExistsAsync(key))
            {
                found.Add((key.ToString(), ttl, stored ?? ""));
            }
        }

        return found;
    }

    /// <summary>Every key prefixed, expiring, and free of the given secrets.</summary>
    public static async Task AssertCleanAsync(string configuration, params string[] secrets)
    {
        var keys = await AllAsync(configuration);
        Assert.NotEmpty(keys);
        foreach (var (key, ttl, stored) in keys)
        {
            Assert.StartsWith("whostopped:", key, StringComparison.Ordinal);
            Assert.True(ttl is not null, $"{key} never expires");
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, $"{key} {stored}", StringComparison.Ordinal);
            }
        }
    }
}
