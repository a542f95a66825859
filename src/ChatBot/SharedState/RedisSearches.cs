using System.Collections.Concurrent;
using System.Text.Json;
using ChatBot.Investigation;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>One CloudTrail search per instance across replicas. The first replica takes a short lease and renews it
/// while it searches; the others wait for its result (woken by pub/sub, or at the latest when a lease could have
/// run out) and take the search over when the lease lapses because the first died. Without Redis, each replica
/// searches for itself.</summary>
public sealed class RedisSearches(RedisConnection redis, ILogger<RedisSearches> logger) : ISharedSearches
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    /// <summary>Long enough for a waiter woken late to find the result, short enough not to be an answer cache.</summary>
    private static readonly TimeSpan ResultLife = TimeSpan.FromSeconds(10);

    // 1 and the result: done already. 2: the lease is ours. 0: another replica holds it.
    private const string Claim = """
        local result = redis.call('GET', KEYS[1])
        if result then return {1, result} end
        if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2} end
        return {0}
        """;

    // ARGV[2] empty: the search failed, so no result is kept and the waiters search for themselves.
    private const string Finish = """
        if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
        if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
        redis.call('PUBLISH', ARGV[4], ARGV[5])
        return 1
        """;

    private readonly string replica = Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new();
    private long searches;
    private Task? subscribed;

    public async Task<EventTrail> RunAsync(string key, Func<CancellationToken, Task<EventTrail>> search, CancellationToken cancellationToken)
    {
        var (result, lease) = RedisKeys.Search(key);
        var hash = RedisKeys.Hash(key);
        var owner = $"{replica}:{Interlocked.Increment(ref searches)}";
        var waited = false;
        await SubscribeOnce().ConfigureAwait(false);
        while (true)
        {
            var ended = waiting.GetOrAdd(hash, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var (ok, reply) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Claim, [result, lease], [owner, (long)Lease.TotalMilliseconds]), cancellationToken)
                .ConfigureAwait(false);
            var claim = ok ? (RedisResult[])reply! : null;
            var state = claim?[0] is { } first ? (int)first : -1;
            if (state != 0)
            {
                waiting.TryRemove(new(hash, ended));
            }

            switch (state)
            {
                case -1:
                    return await search(cancellationToken).ConfigureAwait(false);
                case 1 when Read((string)claim![1]!) is { } trail:
                    return trail;
                case 1:
                    return await search(cancellationToken).ConfigureAwait(false);
                case 2:
                    if (waited)
                    {
                        logger.LogInformation("Took over the CloudTrail search {SearchKey}: the replica running it stopped renewing its lease", key);
                    }

                    return await SearchLeasedAsync(key, owner, search, cancellationToken).ConfigureAwait(false);
            }

            waited = true;
            try
            {
                await ended.Task.WaitAsync(Lease, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                waiting.TryRemove(new(hash, ended));
            }
        }
    }

    private EventTrail? Read(string json)
    {
        try
        {
            return SharedTrail.Read(json);
        }
        catch (JsonException e)
        {
            // Written by another version of the bot, perhaps: search afresh rather than fail the question.
            logger.LogWarning("A shared CloudTrail search result could not be read ({Error}); searching again", e.Message);
            return null;
        }
    }

    private async Task<EventTrail> SearchLeasedAsync(string key, string owner, Func<CancellationToken, Task<EventTrail>> search, CancellationToken cancellationToken)
    {
        var (result, lease) = RedisKeys.Search(key);
        using var searching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = redis.RenewWhileHeldAsync(lease, owner, Lease, searching.Token);
        var shared = "";
        try
        {
            var trail = await search(cancellationToken).ConfigureAwait(false);
            shared = SharedTrail.Write(trail);
            return trail;
        }
        finally
        {
            await searching.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            // Not the caller's token: a search given up on must still hand its lease back.
            await redis.TryAsync(db => db.ScriptEvaluateAsync(Finish, [result, lease],
                [owner, shared, (long)ResultLife.TotalMilliseconds, RedisKeys.SearchesDone.ToString(), RedisKeys.Hash(key)]), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private Task SubscribeOnce() => subscribed ??= SubscribeAsync();

    private async Task SubscribeAsync()
    {
        try
        {
            if (redis.Subscriber is not { } subscriber)
            {
                subscribed = null;
            }
            else
            {
                await subscriber.SubscribeAsync(RedisKeys.SearchesDone, (_, hash) =>
                {
                    if (waiting.TryRemove(hash.ToString(), out var ended))
                    {
                        ended.TrySetResult();
                    }
                }).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Waiters then look again whenever a lease could have lapsed; the client resubscribes on reconnect.
            subscribed = null;
        }
    }
}
