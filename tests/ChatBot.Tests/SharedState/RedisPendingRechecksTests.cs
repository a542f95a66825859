using ChatBot.SharedState;
using ChatBot.Slack.Rechecks;
using ChatBot.Tests.Feed.Support;
using ChatBot.Tests.SharedState.Support;
using ChatBot.Tests.Slack.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatBot.Tests.SharedState;

/// <summary>Pending re-checks on a real Redis keep the in-memory store's contract (due order, leases, a bound) across
/// replicas: exactly one claims an entry, and one whose claimer stopped is taken over when its lease lapses.</summary>
public sealed class RedisPendingRechecksTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly CancellationToken None = CancellationToken.None;

    private static PendingRecheck Entry(string id, string instanceId = "i-0aaaabbbbcccc0001") =>
        new(id, instanceId, "default", "eu-west-1", "C0CHAN", "1.1", "1.1", "aes:sealed", Now);

    [RedisFact]
    public async Task A_re_check_claimed_by_a_replica_that_stops_is_taken_over_by_another_when_its_lease_lapses()
    {
        var configuration = RedisServer.SharedConfiguration();
        var stopping = await RedisTestConnections.ConnectAsync(configuration);
        await using var survivor = await RedisTestConnections.ConnectAsync(configuration);
        var first = Store(stopping);
        var second = Store(survivor);
        await first.TryAddAsync(Entry("a"), Now, None);

        var claimed = await first.ClaimNextDueAsync(Now, Lease, None);
        Assert.NotNull(claimed);
        Assert.Null(await second.ClaimNextDueAsync(Now + Lease / 2, Lease, None));
        await stopping.DisposeAsync();

        var taken = await second.ClaimNextDueAsync(Now + Lease, Lease, None);
        Assert.Equal("a", taken!.Entry.Id);
        Assert.Equal("aes:sealed", taken.Entry.ResponseUrlSeal);
        Assert.True(await second.RescheduleAsync(taken, taken.Entry with { Checks = 1 }, Now.AddMinutes(5), None));
        var again = await Store(survivor).ClaimAsync("a", Now.AddMinutes(1), Lease, None);
        Assert.Equal(1, again!.Entry.Checks);
        Assert.True(await second.CompleteAsync(again, None));
        Assert.Null(await second.ClaimNextDueAsync(Now.AddHours(1), Lease, None));
    }

    [RedisFact]
    public async Task A_re_check_claimed_by_an_app_instance_that_stopped_is_taken_over_by_another_once_its_lease_lapses()
    {
        var configuration = RedisServer.SharedConfiguration();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var survivor = await FeedWorld.StartAsync(FeedWorld.FreshStop(),
            new Dictionary<string, string?> { ["WHOSTOPPED_REDIS"] = configuration, ["WHOSTOPPED_ALERT_CHANNEL"] = null },
            edges: services => services.AddKeyedSingleton<TimeProvider>(RecheckSchedule.ClockKey, clock));

        // The instance that stops: it answered "not delivered yet", kept the re-check, and had claimed it when it went.
        var stopping = await RedisTestConnections.ConnectAsync(configuration);
        var start = clock.GetUtcNow();
        var entry = new PendingRecheck("watch-1", FeedWorld.Id, "default", FeedWorld.Region, "C0CHANNEL", FakeSlack.SummaryTs, FakeSlack.SummaryTs, null, start);
        Assert.True(await Store(stopping).TryAddAsync(entry, start, None));
        var held = (await Store(stopping).ClaimNextDueAsync(start, RecheckSchedule.Lease, None))!;
        await stopping.DisposeAsync();

        // The survivor's scheduler runs on the fake clock, nudged one poll at a time (24 polls inside the lease): it must
        // not claim before the lease ends, whatever its pace, and claims once it has.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (survivor.App.Aws.LookupCalls(FeedWorld.Region).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the survivor never re-checked");
            clock.Advance(RecheckScheduler.Poll);
            await Task.Delay(50);
        }

        Assert.True(clock.GetUtcNow() >= held.Until, "taken over only after the lease lapsed");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        await Eventually.TrueAsync(() => ((string?)redis.GetDatabase().HashGet(RedisKeys.Rechecks.Entries, "watch-1"))?.Contains("\"Checks\":1", StringComparison.Ordinal) == true,
            "the survivor to put the re-check back for its next turn");
    }

    [RedisFact]
    public async Task Two_replicas_claiming_at_once_get_each_entry_once_in_due_order()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var a = await RedisTestConnections.ConnectAsync(configuration);
        await using var b = await RedisTestConnections.ConnectAsync(configuration);
        var store = Store(a);
        for (var n = 0; n < 20; n++)
        {
            Assert.True(await store.TryAddAsync(Entry($"e{n:00}"), Now.AddSeconds(n), None));
        }

        Assert.Null(await Store(b).ClaimNextDueAsync(Now.AddSeconds(-1), Lease, None));
        Assert.Equal("e00", (await Store(b).ClaimNextDueAsync(Now, Lease, None))!.Entry.Id);
        var claims = await Task.WhenAll(Enumerable.Range(0, 30).Select(n => Store(n % 2 == 0 ? a : b).ClaimNextDueAsync(Now.AddMinutes(1), Lease, None).AsTask()));

        var ids = claims.OfType<RecheckLease>().Select(c => c.Entry.Id).ToList();
        Assert.Equal(19, ids.Count);
        Assert.Equal(19, ids.Distinct().Count());
        Assert.DoesNotContain("e00", ids);
    }

    [RedisFact]
    public async Task A_lost_lease_can_no_longer_finish_its_entry_and_the_store_is_bounded_and_watched_by_instance()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var redis = await RedisTestConnections.ConnectAsync(configuration);
        var store = new RedisPendingRechecks(redis, new InMemoryPendingRechecks(), capacity: 3);
        Assert.True(await store.TryAddAsync(Entry("a"), Now, None));
        Assert.False(await store.TryAddAsync(Entry("a"), Now, None));
        Assert.True(await store.TryAddAsync(Entry("b", "i-0bbbbbbbbbbbbbbb2"), Now.AddMinutes(15), None));
        Assert.True(await store.TryAddAsync(Entry("c"), Now.AddMinutes(15), None));
        Assert.False(await store.TryAddAsync(Entry("d"), Now, None));
        Assert.Equal(["a", "c"], (await store.WatchingAsync("default", "I-0AAAABBBBCCCC0001", None)).Order());

        var first = (await store.ClaimNextDueAsync(Now, Lease, None))!;
        var second = (await store.ClaimNextDueAsync(Now + Lease, Lease, None))!;
        Assert.False(await store.CompleteAsync(first, None));
        Assert.False(await store.RescheduleAsync(first, first.Entry with { Checks = 1 }, Now, None));
        Assert.True(await store.CompleteAsync(second, None));
        Assert.Equal(["c"], await store.WatchingAsync("default", "i-0aaaabbbbcccc0001", None));
        Assert.NotNull(await store.ClaimAsync("b", Now, Lease, None));
        await RedisKeyScan.AssertCleanAsync(configuration);
    }

    /// <summary>A replica's store with an empty memory of its own.</summary>
    private static RedisPendingRechecks Store(RedisConnection redis) => new(redis, new InMemoryPendingRechecks());
}
