using ChatBot.Slack.Rechecks;

namespace ChatBot.Tests.Slack.Rechecks;

/// <summary>"Check again" on an answer waiting for CloudTrail: an immediate look, told only to the one who pressed it
/// when nothing changed, and no LookupEvents at all within seconds of the last look.</summary>
public sealed class CheckAgainTests
{
    /// <summary>The click's own response_url, unlike the command's.</summary>
    private const string PressHook = "/respond/T0TEAM/5678/press-hook";

    [Fact]
    public async Task Check_again_says_still_nothing_to_the_one_who_pressed_it_then_edits_the_answer_once_the_stop_is_there()
    {
        await using var world = await RecheckWorld.StartAsync();
        var watchId = RecheckWorld.WatchIdOn(await world.AskAsync())!;
        var pressUrl = world.Slack.Server.Url + PressHook;

        world.Clock.Advance(RecheckSchedule.PressEvery);
        await world.PressCheckAgainAsync(watchId, pressUrl);
        var reply = Assert.Single(await world.Slack.WaitForAsync(1, "/respond/T0TEAM/5678/*"));
        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        Assert.Contains("still not delivered", reply.GetProperty("text").GetString());
        Assert.Equal(2, world.Aws.LookupCalls(RecheckWorld.Region).Count);

        world.Aws.EventsArrive(RecheckWorld.Region, RecheckWorld.Id, Records.SsoConsoleStop(RecheckWorld.Id, DateTimeOffset.UtcNow));
        world.Clock.Advance(RecheckSchedule.PressEvery);
        await world.PressCheckAgainAsync(watchId, pressUrl);

        var edit = Assert.Single(await world.Slack.WaitForAsync(1, FakeSlack.UpdatePath));
        Assert.Contains("alice@example.com", edit.GetProperty("text").GetString());
        Assert.Single(world.Slack.Bodies("/respond/T0TEAM/5678/*"));
    }

    [Fact]
    public async Task Check_again_pressed_within_seconds_of_a_look_answers_from_it_without_asking_CloudTrail_again()
    {
        await using var world = await RecheckWorld.StartAsync();
        var watchId = RecheckWorld.WatchIdOn(await world.AskAsync())!;
        var pressUrl = world.Slack.Server.Url + PressHook;

        world.Clock.Advance(TimeSpan.FromSeconds(4));
        await world.PressCheckAgainAsync(watchId, pressUrl);
        var reply = Assert.Single(await world.Slack.WaitForAsync(1, "/respond/T0TEAM/5678/*"));
        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        Assert.Contains("I looked 4 s ago", reply.GetProperty("text").GetString());
        Assert.Single(world.Aws.LookupCalls(RecheckWorld.Region));

        // The entry is still watched, on its schedule: its first re-check is the next look.
        world.Aws.EventsArrive(RecheckWorld.Region, RecheckWorld.Id, Records.IamUserCliStop(RecheckWorld.Id, DateTimeOffset.UtcNow.AddMinutes(-1)));
        await world.CheckAtAsync(TimeSpan.FromMinutes(1), lookups: 2);
        Assert.Contains("bob", Assert.Single(await world.Slack.WaitForAsync(1, FakeSlack.UpdatePath)).GetProperty("text").GetString());
        Assert.Single(world.Slack.Bodies("/respond/T0TEAM/5678/*"));
    }
}
