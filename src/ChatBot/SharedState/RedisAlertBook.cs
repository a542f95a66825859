using System.Text.Json;
using ChatBot.Aws.Ec2;
using ChatBot.Feed.Alerts;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>The alert book shared by every replica: the stop's alert (its channel, ts and what was posted) as JSON,
/// and a lock per stop so that two replicas handling its two events one after the other post once and edit once.
/// This replica's own book is written too and decides while Redis is down.</summary>
public sealed class RedisAlertBook(RedisConnection redis, AlertBook local, TimeProvider time) : IAlertBook
{
    /// <summary>Renewed while the stop's event is handled, however long its DescribeInstances and posts take; a replica
    /// that dies holding it frees the stop when it lapses.</summary>
    public static readonly TimeSpan LockLease = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(250);

    private const string Unlock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async Task<IAsyncDisposable> LockAsync(string key, CancellationToken cancellationToken)
    {
        // This replica's events of the stop queue locally; only one of them at a time asks Redis.
        var held = await local.LockAsync(key, cancellationToken).ConfigureAwait(false);
        try
        {
            var lockKey = RedisKeys.Alert(key).Lock;
            var owner = Guid.NewGuid().ToString("N");
            for (var wait = TimeSpan.FromMilliseconds(20); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxPoll.Ticks)))
            {
                var (ok, taken) = await redis.TryAsync(db => db.StringSetAsync(lockKey, owner, LockLease, When.NotExists), cancellationToken)
                    .ConfigureAwait(false);
                if (!ok || taken)
                {
                    return ok ? new Held(held, Renewed(lockKey, owner)) : new Held(held, null);
                }

                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await held.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<StopAlert?> FindAsync(string key, DateTimeOffset eventTime, CancellationToken cancellationToken)
    {
        var (ok, stored) = await redis.TryAsync(db => db.StringGetAsync(RedisKeys.Alert(key).Alert), cancellationToken).ConfigureAwait(false);
        if (ok && stored.HasValue && Read(stored.ToString()) is { } shared && AlertBook.IsOpenFor(shared, eventTime, time))
        {
            local.Keep(key, shared);
            return shared;
        }

        // Redis down, or it never heard of an alert opened here while it was down.
        return await local.FindAsync(key, eventTime, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<StopAlert> OpenAsync(string key, DateTimeOffset eventTime, Ec2Instance? instance, string? channel, CancellationToken cancellationToken)
    {
        var alert = await local.OpenAsync(key, eventTime, instance, channel, cancellationToken).ConfigureAwait(false);
        await WriteAsync(key, alert, cancellationToken).ConfigureAwait(false);
        return alert;
    }

    public async ValueTask SaveAsync(string key, StopAlert alert, CancellationToken cancellationToken)
    {
        await local.SaveAsync(key, alert, cancellationToken).ConfigureAwait(false);
        await WriteAsync(key, alert, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(string key, StopAlert alert, CancellationToken cancellationToken) =>
        await redis.TryAsync(db => db.StringSetAsync(RedisKeys.Alert(key).Alert, JsonSerializer.Serialize(alert), AlertBook.Memory), cancellationToken)
            .ConfigureAwait(false);

    private static StopAlert? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<StopAlert>(json);
        }
        catch (JsonException)
        {
            // Written by another version of the bot: treated as no alert, which at worst posts one more.
            return null;
        }
    }

    /// <summary>Keeps the lock until the returned release runs, which stops renewing and hands the lock back.</summary>
    private Func<Task> Renewed(RedisKey lockKey, string owner)
    {
#pragma warning disable CA2000 // Disposed by the release, which Held always runs.
        var holding = new CancellationTokenSource();
#pragma warning restore CA2000
        var renewing = redis.RenewWhileHeldAsync(lockKey, owner, LockLease, holding.Token);
        return async () =>
        {
            await holding.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            holding.Dispose();
            // Not the caller's token: a lock given up on must still be handed back.
            await redis.TryAsync(db => db.ScriptEvaluateAsync(Unlock, [lockKey], [owner]), CancellationToken.None).ConfigureAwait(false);
        };
    }

    private sealed class Held(IAsyncDisposable local, Func<Task>? release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (release is not null)
                {
                    await release().ConfigureAwait(false);
                }
            }
            finally
            {
                await local.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
