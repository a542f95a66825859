using ChatBot.Investigation;

namespace ChatBot.Tests.Investigation;

public sealed class InstanceLocationsTests
{
    private static readonly InstanceLocation EuWest = new("default", "eu-west-1");
    private readonly CancellationToken none = CancellationToken.None;

    [Fact]
    public async Task A_remembered_instance_is_found_with_its_account_and_region()
    {
        var locations = new InMemoryInstanceLocations();

        await locations.RememberAsync("i-0123456789abcdef0", EuWest, none);

        Assert.Equal(EuWest, await locations.FindAsync("i-0123456789abcdef0", none));
        Assert.Null(await locations.FindAsync("i-0fedcba9876543210", none));
    }

    [Fact]
    public async Task Beyond_its_capacity_the_least_recently_used_is_dropped()
    {
        var locations = new InMemoryInstanceLocations(capacity: 2);
        await locations.RememberAsync("i-00000001", EuWest, none);
        await locations.RememberAsync("i-00000002", EuWest, none);
        await locations.FindAsync("i-00000001", none);

        await locations.RememberAsync("i-00000003", EuWest, none);

        Assert.Equal(2, locations.Count);
        Assert.NotNull(await locations.FindAsync("i-00000001", none));
        Assert.Null(await locations.FindAsync("i-00000002", none));
        Assert.NotNull(await locations.FindAsync("i-00000003", none));
    }

    [Fact]
    public async Task Forgetting_drops_the_entry_only_where_it_still_names_that_location()
    {
        var locations = new InMemoryInstanceLocations();
        await locations.RememberAsync("i-00000001", EuWest, none);

        await locations.ForgetAsync("i-00000001", new InstanceLocation("default", "us-east-1"), none);
        Assert.Equal(EuWest, await locations.FindAsync("i-00000001", none));

        await locations.ForgetAsync("i-00000001", EuWest, none);
        Assert.Null(await locations.FindAsync("i-00000001", none));
    }
}
