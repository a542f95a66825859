using ChatBot.Slack.Rechecks;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack.Rechecks;

/// <summary>An answer that says CloudTrail has not delivered the stop yet keeps watching: it is edited in place when the
/// stop turns up (on the feed, at a later LookupEvents, or on "Check again"), and says once when the watch is over.</summary>
public sealed class AnswerUpdateTests
{
    private const string Id = RecheckWorld.Id;
    private const string Region = RecheckWorld.Region;

    [Fact]
    public async Task An_answer_waiting_for_CloudTrail_promises_to_update_and_carries_Check_again()
    {
        await using var world = await RecheckWorld.StartAsync();
        var summary = await world.AskAsync();

        Assert.Contains("CloudTrail has no event for it yet", summary.ToString());
        Assert.Contains("updates itself", summary.ToString());
        Assert.NotNull(RecheckWorld.WatchIdOn(summary));
    }

    [Fact]
    public async Task The_answer_is_edited_in_place_when_the_feed_delivers_the_stop()
    {
        await using var world = await RecheckWorld.StartAsync();
        await world.AskAsync();

        world.Feed.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));

        var edit = Assert.Single(await world.Slack.WaitForAsync(1, FakeSlack.UpdatePath));
        Assert.Equal(FakeSlack.SummaryTs, edit.GetProperty("ts").GetString());
        Assert.Contains("alice@example.com", edit.GetProperty("text").GetString());
        Assert.Null(RecheckWorld.WatchIdOn(edit));
        await Eventually.TrueAsync(() => world.ThreadTexts().Any(t => t.Contains("Updated", StringComparison.Ordinal)), "the note in the thread");
        Assert.Contains("CloudTrail has delivered the stop: *alice@example.com*", Assert.Single(world.ThreadTexts(), t => t.Contains("Updated", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_answer_is_edited_when_a_later_LookupEvents_re_check_finds_the_stop()
    {
        await using var world = await RecheckWorld.StartAsync();
        await world.AskAsync();

        await world.CheckAtAsync(TimeSpan.FromMinutes(1), lookups: 2);
        Assert.Empty(world.Slack.Bodies(FakeSlack.UpdatePath));

        world.Aws.EventsArrive(Region, Id, Records.IamUserCliStop(Id, DateTimeOffset.UtcNow.AddMinutes(-2)));
        await world.CheckAtAsync(TimeSpan.FromMinutes(2), lookups: 3);

        var edit = Assert.Single(await world.Slack.WaitForAsync(1, FakeSlack.UpdatePath));
        Assert.Contains("bob", edit.GetProperty("text").GetString());
        Assert.Equal(0, ((InMemoryPendingRechecks)world.Store).Count);
    }

    [Fact]
    public async Task After_20_minutes_with_nothing_the_thread_is_told_once_and_the_watch_ends()
    {
        await using var world = await RecheckWorld.StartAsync();
        await world.AskAsync();

        var lookups = 1;
        foreach (var offset in RecheckSchedule.Offsets)
        {
            await world.CheckAtAsync(offset, ++lookups);
        }

        var over = Assert.Single(world.ThreadTexts(), t => t.Contains("stopped watching", StringComparison.Ordinal));
        Assert.Contains("20 minutes", over);
        Assert.Equal(0, ((InMemoryPendingRechecks)world.Store).Count);

        world.Clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(300);
        Assert.Equal(lookups, world.Aws.LookupCalls(Region).Count);
        Assert.Empty(world.Slack.Bodies(FakeSlack.UpdatePath));
    }

    [Fact]
    public async Task A_feed_stop_that_arrives_while_the_answer_is_being_posted_edits_that_answer_once_it_is_posted()
    {
        await using var world = await RecheckWorld.StartAsync();
        var posts = world.Feed.App.HoldAllPosts();
        using var ack = await world.Feed.App.SendAsync(SignedRequests.Command($"{Id} {Region}", world.Slack.ResponseUrl));
        await Eventually.TrueAsync(() => posts.Waiting == 1, "the summary on its way");

        world.Feed.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));
        await Eventually.TrueAsync(() => world.Feed.App.Logs.Lines.Any(l => l.Contains("deferred until its answer is posted", StringComparison.Ordinal)),
            "the feed's check to wait for the answer");
        posts.Release();

        var edit = Assert.Single(await world.Slack.WaitForAsync(1, FakeSlack.UpdatePath));
        Assert.Equal("9.9", edit.GetProperty("ts").GetString());
        Assert.Contains("alice@example.com", edit.GetProperty("text").GetString());
        Assert.Empty(world.Slack.Bodies("/respond/*"));
    }

    [Fact]
    public async Task Where_the_bot_is_not_in_the_channel_the_update_is_a_new_post_to_the_response_url()
    {
        await using var world = await RecheckWorld.StartAsync();
        world.Slack.FailPostsWith("not_in_channel");
        await world.AskAsync();
        var first = Assert.Single(await world.Slack.WaitForAsync(1, "/respond/*"));
        Assert.NotNull(RecheckWorld.WatchIdOn(first));

        world.Feed.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));

        var posts = await world.Slack.WaitForAsync(2, "/respond/*");
        Assert.Equal("in_channel", posts[1].GetProperty("response_type").GetString());
        Assert.Contains("alice@example.com", posts[1].ToString());
        Assert.Contains("CloudTrail has delivered the stop", posts[1].ToString());
        Assert.Empty(world.Slack.Bodies(FakeSlack.UpdatePath));
        Assert.DoesNotContain(world.Feed.App.Logs.Lines, l => l.Contains("secret-hook-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_watch_list_is_full_the_answer_promises_nothing()
    {
        const string other = "i-0aaaabbbbcccc0002";
        await using var world = await RecheckWorld.StartAsync(
            FeedWorld.FreshStop(null, Id, other), services => services.AddSingleton<IPendingRechecks>(new InMemoryPendingRechecks(1)));
        using var ack = await world.Feed.App.SendAsync(SignedRequests.Command($"{Id} {other} {Region}", world.Slack.ResponseUrl));

        List<System.Text.Json.JsonElement> Summaries() => world.Slack.Bodies().Where(b => !b.TryGetProperty("thread_ts", out _)).ToList();
        await Eventually.TrueAsync(() => Summaries().Count == 2, "both summaries");
        var summaries = Summaries();
        Assert.NotNull(RecheckWorld.WatchIdOn(summaries[0]));
        Assert.Null(RecheckWorld.WatchIdOn(summaries[1]));
        Assert.DoesNotContain("updates itself", summaries[1].ToString());
        Assert.Contains("ask again shortly", summaries[1].ToString());
    }

    [Fact]
    public async Task At_shutdown_a_pending_re_check_is_abandoned_with_a_note_in_its_thread()
    {
        await using var world = await RecheckWorld.StartAsync();
        await world.AskAsync();

        await world.Feed.App.StopAsync();

        var note = Assert.Single(world.ThreadTexts(), t => t.Contains("restarting", StringComparison.Ordinal));
        Assert.Contains(Id, note);
    }
}
