using ChatBot.Investigation;
using ChatBot.SharedState;

namespace ChatBot.Tests.SharedState;

public class RedisInstanceLocationsTests
{
    private const string Id = "i-0123456789abcdef0";

    [RedisFact]
    public async Task A_location_one_replica_found_is_known_to_the_other()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var first = await RedisTestConnections.ConnectAsync(configuration);
        await using var second = await RedisTestConnections.ConnectAsync(configuration);
        var where = new InstanceLocation("prod|eu", "eu-west-1");

        await Locations(first).RememberAsync(Id, where, CancellationToken.None);

        Assert.Equal(where, await Locations(second).FindAsync(Id, CancellationToken.None));
    }

    [RedisFact]
    public async Task Forgetting_a_location_keeps_a_newer_one_and_drops_the_same_one()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var first = await RedisTestConnections.ConnectAsync(configuration);
        await using var second = await RedisTestConnections.ConnectAsync(configuration);
        var (old, current) = (new InstanceLocation("default", "us-east-1"), new InstanceLocation("default", "eu-west-1"));
        await Locations(first).RememberAsync(Id, old, CancellationToken.None);
        await Locations(first).RememberAsync(Id, current, CancellationToken.None);

        await Locations(second).ForgetAsync(Id, old, CancellationToken.None);
        Assert.Equal(current, await Locations(second).FindAsync(Id, CancellationToken.None));

        await Locations(second).ForgetAsync(Id, current, CancellationToken.None);
        Assert.Null(await Locations(first).FindAsync(Id, CancellationToken.None));
    }

    /// <summary>A replica that has just started: its own memory empty, so only Redis can answer.</summary>
    private static RedisInstanceLocations Locations(RedisConnection redis) => new(redis, new InMemoryInstanceLocations());
}
