using ChatBot.Aws;
using ChatBot.Feed;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Feed;

public sealed class RecentEventsTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero));

    private FeedEvent Stop(string id, string instanceId, string region = "eu-west-1") =>
        new(id, FeedKind.StateChange, "111122223333", region, time.GetUtcNow(), [instanceId]) { State = "stopped" };

    [Fact]
    public async Task Events_are_kept_per_account_region_and_instance_newest_first_and_once_each()
    {
        var recent = new InMemoryRecentEvents(time);
        await recent.AddAsync(AwsAccount.Default, Stop("a", "i-0aaaabbbbcccc0001"), default);
        time.Advance(TimeSpan.FromSeconds(5));
        await recent.AddAsync(AwsAccount.Default, Stop("b", "i-0aaaabbbbcccc0001"), default);
        await recent.AddAsync(AwsAccount.Default, Stop("b", "i-0aaaabbbbcccc0001"), default);
        await recent.AddAsync(AwsAccount.Default, Stop("c", "i-0aaaabbbbcccc0001", "us-east-1"), default);
        await recent.AddAsync(new AwsAccount("prod"), Stop("d", "i-0aaaabbbbcccc0001"), default);

        var kept = await recent.ForInstanceAsync(AwsAccount.Default, "eu-west-1", "I-0AAAABBBBCCCC0001", default);

        Assert.Equal(["b", "a"], kept.Select(e => e.Id));
    }

    [Fact]
    public async Task Events_are_forgotten_after_a_day()
    {
        var recent = new InMemoryRecentEvents(time);
        await recent.AddAsync(AwsAccount.Default, Stop("a", "i-0aaaabbbbcccc0001"), default);

        time.Advance(InMemoryRecentEvents.Memory + TimeSpan.FromSeconds(1));

        Assert.Empty(await recent.ForInstanceAsync(AwsAccount.Default, "eu-west-1", "i-0aaaabbbbcccc0001", default));
        Assert.Equal(0, recent.Count);
    }

    [Fact]
    public async Task The_store_never_holds_more_than_its_capacity_the_oldest_go_first()
    {
        var recent = new InMemoryRecentEvents(time, capacity: 100);
        for (var i = 0; i < 1000; i++)
        {
            await recent.AddAsync(AwsAccount.Default, Stop($"e{i}", $"i-{i:x17}"), default);
        }

        Assert.Equal(100, recent.Count);
        Assert.Empty(await recent.ForInstanceAsync(AwsAccount.Default, "eu-west-1", $"i-{0:x17}", default));
        Assert.Single(await recent.ForInstanceAsync(AwsAccount.Default, "eu-west-1", $"i-{999:x17}", default));
    }

    [Theory]
    [InlineData("not json at all", "not json at all")]
    [InlineData("{\"token\":\"xoxb-17653672481-1987\"}", "{\"token\":\"xoxb-17653672***-1987\"")]
    [InlineData("AKIAIOSFODNN7EXAMPLE and more text after it", "AKIAIOSF************ and more te")]
    [InlineData("line\nbreak", "line break")]
    public void A_bad_body_is_logged_by_a_short_prefix_with_anything_token_like_masked(string body, string logged)
    {
        Assert.Equal(logged, FeedHandler.Prefix(body));
    }
}
