using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>A lease kept alive while its holder works: short, so that a replica that dies holding it frees it within
/// seconds, and renewed every third of its length, so that work of any length keeps it.</summary>
internal static class RedisLeases
{
    private const string Renew = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    /// <summary>Renews <paramref name="lease"/> (held by <paramref name="owner"/>) until <paramref name="held"/> is
    /// cancelled; a renewal Redis cannot take is skipped, and the next one tries again.</summary>
    public static async Task RenewWhileHeldAsync(this RedisConnection redis, RedisKey lease, string owner, TimeSpan length, CancellationToken held)
    {
        try
        {
            while (true)
            {
                await Task.Delay(length / 3, held).ConfigureAwait(false);
                await redis.TryAsync(db => db.ScriptEvaluateAsync(Renew, [lease], [owner, (long)length.TotalMilliseconds]), held).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The work ended.
        }
    }
}
