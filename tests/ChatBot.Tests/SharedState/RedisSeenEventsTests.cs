using ChatBot.SharedState;
using ChatBot.Slack.Handlers;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.SharedState;

/// <summary>Feed claims shared by replicas: a claim keeps the others off for its lease only, a handled event for the
/// whole memory window.</summary>
public sealed class RedisSeenEventsTests
{
    [RedisFact]
    public async Task A_claim_holds_other_replicas_off_for_its_lease_and_a_handled_event_for_the_memory_window()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var a = await RedisTestConnections.ConnectAsync(configuration);
        await using var b = await RedisTestConnections.ConnectAsync(configuration);
        var replicaA = new RedisSeenEvents(a, new InMemorySeenEvents(new FakeTimeProvider()));
        var replicaB = new RedisSeenEvents(b, new InMemorySeenEvents(new FakeTimeProvider()));
        var lease = TimeSpan.FromSeconds(30);

        Assert.True(await replicaA.ClaimAsync("feed:e1", lease, CancellationToken.None));
        Assert.False(await replicaB.ClaimAsync("feed:e1", lease, CancellationToken.None));
        Assert.InRange((await a.Database!.KeyTimeToLiveAsync(RedisKeys.Seen("feed:e1")))!.Value, lease - TimeSpan.FromSeconds(5), lease);

        await replicaA.HandledAsync("feed:e1", CancellationToken.None);

        var kept = (await a.Database!.KeyTimeToLiveAsync(RedisKeys.Seen("feed:e1")))!.Value;
        Assert.InRange(kept, InMemorySeenEvents.Memory - TimeSpan.FromMinutes(1), InMemorySeenEvents.Memory);
        Assert.False(await replicaB.ClaimAsync("feed:e1", lease, CancellationToken.None));
    }

    [RedisFact]
    public async Task A_claim_whose_replica_died_lapses_and_the_next_delivery_is_claimed_elsewhere()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var a = await RedisTestConnections.ConnectAsync(configuration);
        await using var b = await RedisTestConnections.ConnectAsync(configuration);
        var lease = TimeSpan.FromMilliseconds(300);

        Assert.True(await new RedisSeenEvents(a, new InMemorySeenEvents(TimeProvider.System)).ClaimAsync("feed:e2", lease, CancellationToken.None));
        var replicaB = new RedisSeenEvents(b, new InMemorySeenEvents(TimeProvider.System));
        Assert.False(await replicaB.ClaimAsync("feed:e2", lease, CancellationToken.None));

        // Replica A never confirms it. Redis expires the claim; B's own memory of its refusal holds nothing.
        await Eventually.TrueAsync(() => replicaB.ClaimAsync("feed:e2", lease, CancellationToken.None).AsTask().GetAwaiter().GetResult(), "the claim to lapse");
    }
}
