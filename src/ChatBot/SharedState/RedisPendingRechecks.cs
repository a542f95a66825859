using System.Security.Cryptography;
using System.Text.Json;
using ChatBot.Slack.Rechecks;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>Pending re-checks shared by every replica: each entry's JSON and its lease token in two hashes, a sorted
/// set of due times (a claimed entry's score is its lease's end, so a claimer that dies leaves it due again when the
/// lease lapses), and per instance the set of entries watching it. Claims, completions and reschedules are Lua
/// scripts, so exactly one replica holds an entry at a time. While Redis is down, entries are added to and claimed
/// from this replica's own store; a lease says which store it came from.</summary>
public sealed class RedisPendingRechecks(RedisConnection redis, InMemoryPendingRechecks local, int capacity) : IPendingRechecks
{
    /// <summary>Re-checks end within 20 minutes; everything expires an hour after its last change.</summary>
    private static readonly TimeSpan Life = TimeSpan.FromHours(1);

    private const string Shared = "r:";

    // KEYS: entries, tokens, due, watch. ARGV: id, entry, due ms, capacity, life ms.
    private const string Add = """
        if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) then return 0 end
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1], '')
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
        redis.call('SADD', KEYS[4], ARGV[1])
        for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
        return 1
        """;

    // KEYS: entries, tokens, due. ARGV: id ('' for the earliest due), now ms, lease ms, token. Returns {id, entry}.
    private const string Claim = """
        local now = tonumber(ARGV[2])
        local id = ARGV[1]
        if id == '' then
          local first = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 1)
          if #first == 0 then return false end
          id = first[1]
        else
          local token = redis.call('HGET', KEYS[2], id)
          local score = tonumber(redis.call('ZSCORE', KEYS[3], id))
          if token and token ~= '' and score and score > now then return false end
        end
        local entry = redis.call('HGET', KEYS[1], id)
        if not entry then
          redis.call('ZREM', KEYS[3], id)
          return false
        end
        redis.call('HSET', KEYS[2], id, ARGV[4])
        redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), id)
        return {id, entry}
        """;

    // KEYS: entries, tokens, due, watch. ARGV: id, token, then for a reschedule the new entry, due ms, life ms.
    private const string Settle = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
        if ARGV[3] then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
          redis.call('HSET', KEYS[2], ARGV[1], '')
          redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
          for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
          return 1
        end
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[3], ARGV[1])
        redis.call('SREM', KEYS[4], ARGV[1])
        return 1
        """;

    public RedisPendingRechecks(RedisConnection redis, InMemoryPendingRechecks local)
        : this(redis, local, InMemoryPendingRechecks.DefaultCapacity)
    {
    }

    public bool Durable => true;

    public async ValueTask<bool> TryAddAsync(PendingRecheck entry, DateTimeOffset due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (ok, added) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Add, Keys(entry),
            [entry.Id, JsonSerializer.Serialize(entry), due.ToUnixTimeMilliseconds(), capacity, (long)Life.TotalMilliseconds]), cancellationToken).ConfigureAwait(false);
        return ok ? (int)added == 1 : await local.TryAddAsync(entry, due, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<RecheckLease?> ClaimNextDueAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        ClaimAsync("", now, lease, cancellationToken);

    public async ValueTask<RecheckLease?> ClaimAsync(string id, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        // Entries added here while Redis was down are this replica's to run first.
        var own = id == ""
            ? await local.ClaimNextDueAsync(now, lease, cancellationToken).ConfigureAwait(false)
            : await local.ClaimAsync(id, now, lease, cancellationToken).ConfigureAwait(false);
        if (own is not null)
        {
            return own;
        }

        var token = Shared + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var (ok, reply) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Claim, [Entries, Tokens, Due],
            [id, now.ToUnixTimeMilliseconds(), (long)lease.TotalMilliseconds, token]), cancellationToken).ConfigureAwait(false);
        if (!ok || reply.IsNull || (RedisResult[])reply! is not [_, var entry])
        {
            return null;
        }

        return JsonSerializer.Deserialize<PendingRecheck>((string)entry!) is { } found ? new RecheckLease(found, token, now + lease) : null;
    }

    public async ValueTask<bool> CompleteAsync(RecheckLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (!lease.Token.StartsWith(Shared, StringComparison.Ordinal))
        {
            return await local.CompleteAsync(lease, cancellationToken).ConfigureAwait(false);
        }

        var (ok, settled) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Settle, Keys(lease.Entry), [lease.Entry.Id, lease.Token]), cancellationToken)
            .ConfigureAwait(false);
        return ok && (int)settled == 1;
    }

    public async ValueTask<bool> RescheduleAsync(RecheckLease lease, PendingRecheck entry, DateTimeOffset due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(entry);
        if (!lease.Token.StartsWith(Shared, StringComparison.Ordinal))
        {
            return await local.RescheduleAsync(lease, entry, due, cancellationToken).ConfigureAwait(false);
        }

        if (entry.Id != lease.Entry.Id)
        {
            return false;
        }

        var (ok, settled) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Settle, Keys(entry),
            [entry.Id, lease.Token, JsonSerializer.Serialize(entry), due.ToUnixTimeMilliseconds(), (long)Life.TotalMilliseconds]), cancellationToken).ConfigureAwait(false);
        return ok && (int)settled == 1;
    }

    public async ValueTask<IReadOnlyList<string>> WatchingAsync(string account, string instanceId, CancellationToken cancellationToken)
    {
        var own = await local.WatchingAsync(account, instanceId, cancellationToken).ConfigureAwait(false);
        var (ok, ids) = await redis.TryAsync(db => db.SetMembersAsync(Watch(account, instanceId)), cancellationToken).ConfigureAwait(false);
        return ok ? [.. ids.Select(i => i.ToString()).Concat(own).Distinct(StringComparer.Ordinal)] : own;
    }

    private static RedisKey Entries => RedisKeys.Rechecks.Entries;

    private static RedisKey Tokens => RedisKeys.Rechecks.Tokens;

    private static RedisKey Due => RedisKeys.Rechecks.Due;

    private static RedisKey[] Keys(PendingRecheck entry) => [Entries, Tokens, Due, Watch(entry.Account, entry.InstanceId)];

    private static RedisKey Watch(string account, string instanceId) => RedisKeys.RecheckWatch($"{account}/{instanceId.ToLowerInvariant()}");
}
