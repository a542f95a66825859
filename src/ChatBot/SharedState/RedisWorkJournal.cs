using System.Collections.Concurrent;
using ChatBot.Slack.Work;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>The backlog's questions kept in Redis while they wait or run: one hash per job (sealed payload, owner,
/// claims) and one sorted set of leases by expiry (server clock). The owner renews its jobs' leases every tick; a
/// replica that dies stops renewing, and another claims its jobs atomically once their leases lapse and runs them.
/// The in-process queue still carries the work, so a question costs two writes and is answered as fast as before.</summary>
/// <param name="lease">How long a job stays this replica's without renewal: several ticks, so that a slow tick or a
/// short pause never hands running work to another replica.</param>
public sealed partial class RedisWorkJournal(RedisConnection redis, SecretSeal seal, ILogger<RedisWorkJournal> log, TimeSpan lease) : IWorkJournal
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(10);

    /// <summary>A question nobody finished within this is dropped: its asker has long moved on.</summary>
    public static readonly TimeSpan Life = TimeSpan.FromMinutes(15);

    /// <summary>A job that took down this many replicas in turn is not handed to another.</summary>
    public const int MaxClaims = 3;

    // KEYS[1] the job, KEYS[2] the leases. ARGV: sealed payload, owner, lease ms, life ms, ticket.
    private const string Record = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('HSET', KEYS[1], 'payload', ARGV[1], 'owner', ARGV[2], 'claims', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[5])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        return 1
        """;

    // One round trip, where a MULTI/EXEC transaction would take four.
    private const string Delete = """
        redis.call('DEL', KEYS[1])
        return redis.call('ZREM', KEYS[2], ARGV[1])
        """;

    // KEYS[1] the leases. ARGV: owner, lease ms, max claims, how many to claim, job key prefix, life ms, n, then n
    // tickets to renew, then tickets done. Renews this replica's jobs, deletes its finished ones, then claims up to
    // the limit of the jobs whose lease has lapsed and that are not its own. Job keys are built here from their
    // ticket, so this runs on one Redis server, not a cluster. Returns ticket, payload, ticket, payload, ….
    private const string Tick = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local lease, prefix, n = tonumber(ARGV[2]), ARGV[5], tonumber(ARGV[7])
        for i = 8, 7 + n do
          if redis.call('HGET', prefix .. ARGV[i], 'owner') == ARGV[1] then redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[i]) end
        end
        for i = 8 + n, #ARGV do
          redis.call('DEL', prefix .. ARGV[i])
          redis.call('ZREM', KEYS[1], ARGV[i])
        end
        local claimed = {}
        local limit = tonumber(ARGV[4])
        if limit > 0 then
          for _, ticket in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)) do
            local key = prefix .. ticket
            local job = redis.call('HMGET', key, 'payload', 'owner')
            if not job[1] then
              redis.call('ZREM', KEYS[1], ticket)
            elseif job[2] ~= ARGV[1] then
              if tonumber(redis.call('HINCRBY', key, 'claims', 1)) > tonumber(ARGV[3]) then
                redis.call('DEL', key)
                redis.call('ZREM', KEYS[1], ticket)
              else
                redis.call('HSET', key, 'owner', ARGV[1])
                redis.call('ZADD', KEYS[1], now + lease, ticket)
                table.insert(claimed, ticket)
                table.insert(claimed, job[1])
              end
            end
          end
        end
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[6]) end
        return claimed
        """;

    private readonly string replica = Guid.NewGuid().ToString("N")[..12];
    private readonly long leaseMs = (long)lease.TotalMilliseconds;
    private readonly ConcurrentDictionary<string, byte> mine = new(StringComparer.Ordinal);

    /// <summary>Finished while Redis could not be told; deleted at the next tick, so that nobody runs them again.</summary>
    private readonly ConcurrentDictionary<string, byte> doneLater = new(StringComparer.Ordinal);

    public RedisWorkJournal(RedisConnection redis, SecretSeal seal, ILogger<RedisWorkJournal> log)
        : this(redis, seal, log, DefaultLease)
    {
    }

    public TimeSpan Lease => lease;

    public SlackJob Keep(SlackJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!StoredJob.IsKept(job))
        {
            return job;
        }

        if (job.Ticket is { } taken)
        {
            mine[taken] = 0;
            return job;
        }

        var ticket = Guid.NewGuid().ToString("N");
        var kept = job with { Ticket = ticket };
        mine[ticket] = 0;
        var payload = seal.Seal(ticket, StoredJob.Write(kept));
        // Sent now, ahead of anything the job's worker sends later on the same connection; never awaited by the ack.
        _ = redis.TryAsync(db => db.ScriptEvaluateAsync(Record, [RedisKeys.Job(ticket), RedisKeys.WorkLeases],
            [payload, replica, leaseMs, (long)Life.TotalMilliseconds, ticket]), CancellationToken.None);
        return kept;
    }

    public async ValueTask DoneAsync(SlackJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Ticket is not { } ticket || !mine.TryRemove(ticket, out _))
        {
            return;
        }

        await DeleteAsync(ticket, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteAsync(string ticket, CancellationToken cancellationToken)
    {
        var (ok, _) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Delete, [RedisKeys.Job(ticket), RedisKeys.WorkLeases], [ticket]), cancellationToken)
            .ConfigureAwait(false);
        if (!ok)
        {
            doneLater[ticket] = 0;
        }
    }

    /// <summary>Renews this replica's leases and claims up to <paramref name="room"/> jobs whose owner stopped renewing.</summary>
    /// <returns>Not Ok while Redis is unreachable; else the jobs now this replica's, to queue.</returns>
    public async Task<(bool Ok, IReadOnlyList<SlackJob> Taken)> TickAsync(int room, CancellationToken cancellationToken)
    {
        var renew = mine.Keys.ToArray();
        var done = doneLater.Keys.ToArray();
        RedisValue[] args = [replica, leaseMs, MaxClaims, room, RedisKeys.JobPrefix, (long)Life.TotalMilliseconds, renew.Length,
            .. renew.Select(t => (RedisValue)t), .. done.Select(t => (RedisValue)t)];
        var (ok, reply) = await redis.TryAsync(db => db.ScriptEvaluateAsync(Tick, [RedisKeys.WorkLeases], args), cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return (false, []);
        }

        foreach (var ticket in done)
        {
            doneLater.TryRemove(ticket, out _);
        }

        var claimed = (RedisResult[])reply!;
        var taken = new List<SlackJob>();
        for (var i = 0; i + 1 < claimed.Length; i += 2)
        {
            var ticket = (string)claimed[i]!;
            if (seal.Open(ticket, (string)claimed[i + 1]!) is { } json && StoredJob.Read(ticket, json) is { } job)
            {
                // Ours from now on: renewed from the next tick, whether or not it finds room in the queue.
                mine[ticket] = 0;
                taken.Add(job);
                continue;
            }

            // Sealed with another key (a rotated secret, another Slack app on this Redis) or by another version.
            LogUnreadable(ticket);
            await DeleteAsync(ticket, cancellationToken).ConfigureAwait(false);
        }

        return (true, taken);
    }

    /// <summary>Hands a claimed job back at once, for a replica with room in its queue.</summary>
    public async Task ReleaseAsync(SlackJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Ticket is { } ticket && mine.TryRemove(ticket, out _))
        {
            await redis.TryAsync(db => db.SortedSetAddAsync(RedisKeys.WorkLeases, ticket, 0, SortedSetWhen.Exists), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept job {Ticket} could not be read (sealed with another key, or by another version); dropped")]
    private partial void LogUnreadable(string ticket);
}
