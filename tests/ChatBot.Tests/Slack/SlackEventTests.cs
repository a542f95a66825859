using System.Net;

namespace ChatBot.Tests.Slack;

public class SlackEventTests
{
    private const string Id = SampleFindings.Id;

    [Fact]
    public async Task A_top_level_mention_is_answered_in_a_thread_under_the_mention()
    {
        await using var app = new TestApp();
        using var response = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> who stopped {Id}?", "1795168000.000200"), "Ev01"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var posts = await app.Slack.WaitForAsync(2);
        Assert.All(posts, p => Assert.Equal("1795168000.000200", p.GetProperty("thread_ts").GetString()));
        Assert.All(posts, p => Assert.Equal(SignedRequests.Channel, p.GetProperty("channel").GetString()));
        Assert.Contains(Id, posts[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_mention_inside_an_incident_thread_is_answered_in_that_thread()
    {
        await using var app = new TestApp();
        var mention = SignedRequests.Mention($"<@U0BOT> who stopped {Id} and {TestApp.OtherId} in eu-west-1", "1795168500.000300", threadTs: "1795160000.000100");
        using var response = await app.SendAsync(SignedRequests.Event(mention, "Ev02"));

        var posts = await app.Slack.WaitForAsync(4);
        Assert.All(posts, p => Assert.Equal("1795160000.000100", p.GetProperty("thread_ts").GetString()));
    }

    [Fact]
    public async Task A_mention_without_an_id_gets_a_usage_line_in_its_thread()
    {
        await using var app = new TestApp();
        using var response = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention("<@U0BOT> who stopped prod?", "1795168000.000400", "1795160000.000100"), "Ev03"));

        Assert.Contains("@whostopped who stopped i-0123456789abcdef0?", await app.Slack.OnlyReplyAsync("1795160000.000100"));
        Assert.Empty(app.Aws.Server.LogEntries);
    }

    [Fact]
    public async Task A_direct_message_is_answered_like_a_mention()
    {
        await using var app = new TestApp();
        using var response = await app.SendAsync(SignedRequests.Event(SignedRequests.DirectMessage($"who stopped {Id}", "1795168000.000500"), "Ev04"));

        var posts = await app.Slack.WaitForAsync(2);
        Assert.All(posts, p => Assert.Equal("D0ALICE", p.GetProperty("channel").GetString()));
        Assert.All(posts, p => Assert.Equal("1795168000.000500", p.GetProperty("thread_ts").GetString()));
    }

    [Fact]
    public async Task Bot_messages_edits_and_the_bots_own_posts_are_not_answered()
    {
        await using var app = new TestApp();
        var ownPost = new { type = "message", channel_type = "im", channel = "D0ALICE", user = "U0BOT", text = $"stopped {Id}", ts = "1.3" };

        (await app.SendAsync(SignedRequests.Event(SignedRequests.DirectMessage($"who stopped {Id}", "1.1", botId: "B0OTHER"), "Ev05"))).Dispose();
        (await app.SendAsync(SignedRequests.Event(SignedRequests.DirectMessage($"who stopped {Id}", "1.2", subtype: "message_changed"), "Ev06"))).Dispose();
        (await app.SendAsync(SignedRequests.Event(ownPost, "Ev07"))).Dispose();
        (await app.SendAsync(SignedRequests.Event(SignedRequests.DirectMessage($"who stopped {Id}", "1.4"), "Ev08"))).Dispose();

        var posts = await app.Slack.WaitForAsync(2);
        Assert.Equal(1, app.Investigations);
        Assert.All(posts, p => Assert.Equal("1.4", p.GetProperty("thread_ts").GetString()));
    }

    [Fact]
    public async Task Slack_retries_of_one_event_are_acknowledged_and_answered_once()
    {
        await using var app = new TestApp();
        var mention = SignedRequests.Mention($"<@U0BOT> who stopped {Id}?", "1795168000.000600");

        foreach (var retry in new int?[] { null, 1, 2, 3 })
        {
            using var response = await app.SendAsync(SignedRequests.Event(mention, "Ev09", retry));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        (await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "1795168000.000700"), "Ev10"))).Dispose();
        var posts = await app.Slack.WaitForAsync(4);
        Assert.Equal(2, app.Investigations);
        Assert.Equal(2, posts.Count(p => p.GetProperty("thread_ts").GetString() == "1795168000.000600"));
    }
}
