using ChatBot.Aws;
using ChatBot.Feed;
using ChatBot.SharedState;
using ChatBot.Tests.Feed.Support;
using ChatBot.Tests.SharedState.Support;
using ChatBot.Tests.Slack.Support;
using ChatBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.SharedState;

/// <summary>Two replicas taking events off the feed share one memory: its dedupe, its recent events and its alerts.</summary>
public sealed class SharedFeedTests
{
    private const string Id = FeedWorld.Id;
    private const string Region = FeedWorld.Region;

    [RedisFact]
    public async Task A_stop_whose_events_reach_two_replicas_is_alerted_once_and_edited_by_the_replica_that_sees_the_second()
    {
        var configuration = RedisServer.SharedConfiguration();
        var shared = new Dictionary<string, string?> { ["WHOSTOPPED_REDIS"] = configuration };
        using var aws = FeedWorld.FreshStop();
        await using var a = await FeedWorld.StartAsync(aws, shared);
        await using var b = await FeedWorld.StartAsync(aws, shared);
        var now = DateTimeOffset.UtcNow;
        var call = FeedEvents.ApiCall(Records.SsoConsoleStop(Id, now), Region);

        a.Queue.Send(call);
        await Eventually.TrueAsync(() => a.Summaries().Count == 1, "replica A's alert");
        // The same EventBridge event again, and the stop's state change: both taken by replica B.
        b.Queue.Send(call);
        b.Queue.Send(FeedEvents.StateChange(Id, "stopped", now.AddSeconds(40), Region));
        await Eventually.TrueAsync(() => b.Updates().Count == 1, "replica B to edit A's alert");
        await Task.WhenAll(a.DrainedAsync(), b.DrainedAsync());

        Assert.Empty(b.Summaries());
        Assert.Single(a.Summaries());
        var edited = b.Updates()[0];
        Assert.Equal(FakeSlack.SummaryTs, edited.GetProperty("ts").GetString());
        Assert.Equal(FeedWorld.AlertChannel, edited.GetProperty("channel").GetString());
        // B never handled the CloudTrail call itself: it read it from the shared recent events.
        Assert.Contains("alice@example.com", edited.GetProperty("text").GetString());
        var notes = b.Slack.Bodies().Where(p => p.TryGetProperty("thread_ts", out var t) && t.GetString() == FakeSlack.SummaryTs)
            .Select(p => p.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Updated: now stopped."], notes);
        await RedisKeyScan.AssertCleanAsync(configuration, "xoxb-test-token", SignedRequests.Secret);
    }

    [RedisFact]
    public async Task An_event_one_replica_kept_is_known_to_another_once_each_and_expires_with_its_instance()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var first = await RedisTestConnections.ConnectAsync(configuration);
        await using var second = await RedisTestConnections.ConnectAsync(configuration);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var stop = new FeedEvent("ev-1", FeedKind.StateChange, "111122223333", Region, time.GetUtcNow(), [Id]) { State = "stopped" };

        await Store(first, time).AddAsync(AwsAccount.Default, stop, default);
        await Store(first, time).AddAsync(AwsAccount.Default, stop, default);

        var seen = await Store(second, time).ForInstanceAsync(AwsAccount.Default, Region, Id.ToUpperInvariant(), default);
        Assert.Equal(stop with { InstanceIds = seen[0].InstanceIds }, Assert.Single(seen));
        var ttl = await first.Database!.KeyTimeToLiveAsync(RedisKeys.RecentEvents(InMemoryRecentEvents.Key(AwsAccount.Default, Region, Id)));
        Assert.InRange(ttl!.Value, InMemoryRecentEvents.Memory - TimeSpan.FromMinutes(1), InMemoryRecentEvents.Memory);
        Assert.Empty(await Store(second, time).ForInstanceAsync(new AwsAccount("prod"), Region, Id, default));
    }

    [RedisFact]
    public async Task The_shared_store_keeps_its_latest_events_per_instance_and_drops_the_instances_added_to_longest_ago()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var redis = await RedisTestConnections.ConnectAsync(configuration);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new RedisRecentEvents(redis, new InMemoryRecentEvents(time), time, maxInstances: 3);
        var start = time.GetUtcNow();
        for (var n = 0; n < InMemoryRecentEvents.PerInstance + 5; n++)
        {
            await store.AddAsync(AwsAccount.Default, Event($"a{n}", "i-00000000000000001", start.AddSeconds(n)), default);
        }

        for (var n = 2; n <= 5; n++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await store.AddAsync(AwsAccount.Default, Event($"b{n}", $"i-0000000000000000{n}", time.GetUtcNow()), default);
        }

        var fresh = new RedisRecentEvents(redis, new InMemoryRecentEvents(time), time, maxInstances: 3);
        Assert.Empty(await fresh.ForInstanceAsync(AwsAccount.Default, Region, "i-00000000000000001", default));
        Assert.Single(await fresh.ForInstanceAsync(AwsAccount.Default, Region, "i-00000000000000005", default));
        var index = await redis.Database!.SortedSetLengthAsync(RedisKeys.RecentIndex);
        Assert.Equal(3, index);

        // Per instance: the newest events are the ones kept.
        var busy = new RedisRecentEvents(redis, new InMemoryRecentEvents(time), time);
        for (var n = 0; n < InMemoryRecentEvents.PerInstance + 5; n++)
        {
            await busy.AddAsync(AwsAccount.Default, Event($"c{n}", "i-00000000000000009", start.AddSeconds(n)), default);
        }

        var kept = await new RedisRecentEvents(redis, new InMemoryRecentEvents(time), time).ForInstanceAsync(AwsAccount.Default, Region, "i-00000000000000009", default);
        Assert.Equal(InMemoryRecentEvents.PerInstance, kept.Count);
        Assert.Equal($"c{InMemoryRecentEvents.PerInstance + 4}", kept[0].Id);
        Assert.DoesNotContain(kept, e => e.Id == "c0");
    }

    private static FeedEvent Event(string id, string instanceId, DateTimeOffset at) =>
        new(id, FeedKind.StateChange, "111122223333", Region, at, [instanceId]) { State = "stopped" };

    /// <summary>A replica's store with its own memory empty, so only Redis can answer.</summary>
    private static RedisRecentEvents Store(RedisConnection redis, TimeProvider time) => new(redis, new InMemoryRecentEvents(time), time);
}
