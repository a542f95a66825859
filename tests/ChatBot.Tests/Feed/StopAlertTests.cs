
namespace ChatBot.Tests.Feed;

/// <summary>One alert per stop, in the answer's own summary-and-thread form, routed by tags.</summary>
public sealed class StopAlertTests
{
    private const string Id = FeedWorld.Id;
    private const string Region = FeedWorld.Region;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_CloudTrail_call_and_the_state_change_of_one_stop_make_one_alert_in_either_order(bool stateChangeFirst)
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop());
        var now = DateTimeOffset.UtcNow;
        var call = FeedEvents.ApiCall(Records.SsoConsoleStop(Id, now), Region);
        var state = FeedEvents.StateChange(Id, stateChangeFirst ? "stopping" : "stopped", now.AddSeconds(stateChangeFirst ? 1 : 40), Region);

        world.Queue.Send(stateChangeFirst ? state : call);
        await Eventually.TrueAsync(() => world.Summaries().Count == 1, "the first alert");
        world.Queue.Send(stateChangeFirst ? call : state);
        await Eventually.TrueAsync(() => world.Updates().Count == 1, "the alert to be edited");
        await world.DrainedAsync();
        await Task.Delay(200);

        var first = world.Summaries()[0].GetProperty("text").GetString()!;
        var edited = world.Updates()[0];
        Assert.Single(world.Summaries());
        Assert.Equal(FakeSlack.SummaryTs, edited.GetProperty("ts").GetString());
        Assert.Equal(FeedWorld.AlertChannel, edited.GetProperty("channel").GetString());
        Assert.Contains("alice@example.com", edited.GetProperty("text").GetString());
        if (stateChangeFirst)
        {
            Assert.DoesNotContain("alice@example.com", first);
        }

        var note = world.Slack.Bodies().Where(b => b.TryGetProperty("thread_ts", out var t) && t.GetString() == FakeSlack.SummaryTs)
            .Select(b => b.GetProperty("text").GetString()!).Where(t => t.StartsWith("Updated:", StringComparison.Ordinal)).ToList();
        Assert.Equal(stateChangeFirst ? "Updated: CloudTrail names the caller: alice@example.com." : "Updated: now stopped.", Assert.Single(note));
    }

    [Fact]
    public async Task An_alert_has_the_answer_s_details_in_its_thread()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop());
        world.Queue.Send(FeedEvents.ApiCall(Records.IamUserCliStop(Id, DateTimeOffset.UtcNow), Region));

        await Eventually.TrueAsync(() => world.Slack.Bodies().Any(b => b.TryGetProperty("thread_ts", out _)), "the thread");

        var thread = world.Slack.Bodies().Where(b => b.TryGetProperty("thread_ts", out _)).Select(b => b.ToString()).ToList();
        Assert.Contains(thread, t => t.Contains("198.51.100.7", StringComparison.Ordinal));
        Assert.Contains("bob", world.Summaries()[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_instance_s_own_alert_channel_tag_sends_its_alert_there()
    {
        var tags = new Dictionary<string, string> { ["Name"] = "db-1", ["whostopped:alert-channel"] = "C0DBTEAM" };
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(tags));
        world.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));

        await Eventually.TrueAsync(() => world.Summaries("C0DBTEAM").Count == 1, "the alert in the instance's channel");
        Assert.Empty(world.Summaries());
    }

    [Theory]
    [InlineData("whostopped:alert", "off", null)]
    [InlineData("env", "dev", "env=prod,team=payments")]
    public async Task Silenced_or_unmatched_instances_are_not_alerted(string key, string value, string? filter)
    {
        var tags = new Dictionary<string, string> { [key] = value };
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(tags), new Dictionary<string, string?> { ["WHOSTOPPED_ALERT_TAGS"] = filter });
        world.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));

        await world.DrainedAsync();
        await Task.Delay(200);

        Assert.Empty(world.Slack.Bodies());
        Assert.Equal(1, world.Queue.CountOf("DeleteMessage"));
    }

    [Fact]
    public async Task An_instance_matching_one_of_the_alert_tags_is_alerted()
    {
        var tags = new Dictionary<string, string> { ["team"] = "payments" };
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(tags), new Dictionary<string, string?> { ["WHOSTOPPED_ALERT_TAGS"] = "env=prod, team=payments" });
        world.Queue.Send(FeedEvents.StateChange(Id, "stopping", DateTimeOffset.UtcNow, Region));

        await Eventually.TrueAsync(() => world.Summaries().Count == 1, "the alert");
    }

    [Fact]
    public async Task A_Spot_interruption_warning_is_alerted_as_a_Spot_interruption()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop());
        world.Queue.Send(FeedEvents.SpotWarning(Id, "terminate", DateTimeOffset.UtcNow, Region));

        await Eventually.TrueAsync(() => world.Summaries().Count == 1, "the alert");
        Assert.Contains("Spot", world.Summaries()[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Starts_reboots_and_denied_stops_are_kept_but_alert_no_one()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop());
        world.Queue.Send(FeedEvents.ApiCall(Records.AssumedRoleStart(Id, DateTimeOffset.UtcNow), Region));
        world.Queue.Send(FeedEvents.ApiCall(Records.DeniedStop(Id, DateTimeOffset.UtcNow), Region));
        world.Queue.Send(FeedEvents.StateChange(Id, "running", DateTimeOffset.UtcNow, Region));

        await world.DrainedAsync();
        await Task.Delay(200);

        Assert.Empty(world.Slack.Bodies());
        Assert.Equal(3, world.Queue.CountOf("DeleteMessage"));
    }
}
