using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>Every key the bot writes, all under one prefix so an operator can find (and flush) them.</summary>
internal static class RedisKeys
{
    public const string Prefix = "whostopped:";

    public static RedisKey Budget(string budget, string key) => $"{Prefix}budget:{budget}:{key}";

    /// <summary>IDs come from outside; hashed, a key has a fixed length whatever the sender put in the ID.</summary>
    public static RedisKey Seen(string id) => $"{Prefix}seen:{Hash(id)}";

    /// <summary>Where an instance lives (account and region).</summary>
    public static RedisKey Location(string instanceId) => $"{Prefix}location:{instanceId.ToLowerInvariant()}";

    /// <summary>A finished search's result, and the lease of the replica running it.</summary>
    public static (RedisKey Result, RedisKey Lease) Search(string key) => ($"{Prefix}search:{Hash(key)}", $"{Prefix}search-lease:{Hash(key)}");

    /// <summary>The feed's recent events about one instance (account/region/instance).</summary>
    public static RedisKey RecentEvents(string instanceKey) => $"{Prefix}recent:{Hash(instanceKey)}";

    /// <summary>Every instance with recent events, by when its last one was added: the store's bound.</summary>
    public static RedisKey RecentIndex { get; } = $"{Prefix}recent-index";

    /// <summary>The alert posted about one stop, and the lock of the replica handling one of its events.</summary>
    public static (RedisKey Alert, RedisKey Lock) Alert(string key) => ($"{Prefix}alert:{Hash(key)}", $"{Prefix}alert-lock:{Hash(key)}");

    /// <summary>Where a kept job's key starts; the ticket (random, ours) follows.</summary>
    public const string JobPrefix = Prefix + "work:job:";

    /// <summary>One backlog job kept for another replica to finish: sealed payload, owner, claims.</summary>
    public static RedisKey Job(string ticket) => JobPrefix + ticket;

    /// <summary>Every kept job by when its owner's lease runs out.</summary>
    public static RedisKey WorkLeases { get; } = $"{Prefix}work:leases";

    /// <summary>Pending re-checks: entries (id → JSON), their lease tokens, and their due times (a claimed entry's is its
    /// lease's end).</summary>
    public static (RedisKey Entries, RedisKey Tokens, RedisKey Due) Rechecks { get; } =
        ($"{Prefix}rechecks:entries", $"{Prefix}rechecks:tokens", $"{Prefix}rechecks:due");

    /// <summary>The re-checks waiting for a stop of one instance (account/instance).</summary>
    public static RedisKey RecheckWatch(string key) => $"{Prefix}rechecks:watch:{Hash(key)}";

    /// <summary>Carries the hashed key of each search that ended, so its waiters look at once.</summary>
    public static RedisChannel SearchesDone { get; } = RedisChannel.Literal($"{Prefix}searches-done");

    public static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
