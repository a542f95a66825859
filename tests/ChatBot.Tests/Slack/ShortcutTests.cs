using System.Net;
using System.Text.Json;
using ChatBot.Slack.Ingress;

namespace ChatBot.Tests.Slack;

/// <summary>The "Who stopped these?" message shortcut on alarms as other apps post them.</summary>
public sealed class ShortcutTests
{
    private const string Id = SampleFindings.Id;
    private const string AlarmTs = "1795168100.000700";

    [Fact]
    public async Task Ids_in_an_alarms_attachments_are_answered_in_the_alarms_thread()
    {
        await using var app = new TestApp();
        var alarm = new
        {
            type = "message", subtype = "bot_message", bot_id = "B0PAGERDUTY", text = "", ts = AlarmTs,
            attachments = new[]
            {
                new { fallback = $"Triggered #4711: {Id} unreachable", text = "Host check failed", fields = new[] { new { title = "Instance", value = TestApp.OtherId, @short = true } } },
            },
        };

        using var response = await app.SendAsync(Shortcut(app, alarm));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = await app.Slack.WaitForAsync(4);
        Assert.All(posts, p => Assert.Equal(AlarmTs, p.GetProperty("thread_ts").GetString()));
        Assert.Contains(posts, p => p.GetProperty("text").GetString()!.Contains(Id, StringComparison.Ordinal));
        Assert.Contains(posts, p => p.GetProperty("text").GetString()!.Contains(TestApp.OtherId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ids_in_the_blocks_of_a_message_inside_a_thread_are_answered_in_that_thread()
    {
        await using var app = new TestApp();
        var alarm = new
        {
            type = "message", bot_id = "B0AMAZONQ", ts = "1795168100.000801", thread_ts = "1795168000.000800", text = "CloudWatch alarm",
            blocks = new object[]
            {
                new { type = "section", text = new { type = "mrkdwn", text = "*ALARM: StatusCheckFailed*" } },
                new { type = "rich_text", elements = new[] { new { type = "rich_text_section", elements = new[] { new { type = "text", text = $"InstanceId = {Id}" } } } } },
            },
        };

        using var response = await app.SendAsync(Shortcut(app, alarm));

        var posts = await app.Slack.WaitForAsync(2);
        Assert.All(posts, p => Assert.Equal("1795168000.000800", p.GetProperty("thread_ts").GetString()));
        Assert.Contains(Id, posts[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_message_without_ids_gets_an_ephemeral_reply_through_the_response_url_and_nothing_in_the_channel()
    {
        await using var app = new TestApp();
        var chatter = new { type = "message", user = "U0BOB", text = "deploy finished, all green (i-123 is not an ID)", ts = AlarmTs };

        using var response = await app.SendAsync(Shortcut(app, chatter));

        var reply = Assert.Single(await app.Slack.WaitForAsync(1, "/respond/*"));
        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        Assert.Contains("no EC2 instance IDs", reply.GetProperty("text").GetString());
        Assert.Empty(app.Slack.Bodies());
        Assert.Equal(0, app.Investigations);
    }

    [Fact]
    public async Task A_message_with_more_ids_than_the_cap_says_how_many_were_skipped()
    {
        await using var app = new TestApp();
        var ids = Enumerable.Range(0, 55).Select(i => $"i-0{i:x16}").ToList();
        var report = new { type = "message", bot_id = "B0DATADOG", ts = AlarmTs, text = "Instances down: " + string.Join(", ", ids) };

        using var response = await app.SendAsync(Shortcut(app, report));

        await Eventually.TrueAsync(() => app.Slack.Bodies().Any(p => p.GetProperty("text").GetString()!.Contains("skipped 5", StringComparison.Ordinal)));
        var note = app.Slack.Bodies().First(p => p.GetProperty("text").GetString()!.Contains("skipped 5", StringComparison.Ordinal));
        Assert.Equal(AlarmTs, note.GetProperty("thread_ts").GetString());
        Assert.Contains("55", note.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Another_apps_shortcut_or_one_without_a_message_is_not_answered()
    {
        await using var app = new TestApp();
        var other = SignedRequests.MessageShortcut(new { type = "message", text = $"who stopped {Id}", ts = "1795168100.000900" }, app.Slack.ResponseUrl, callbackId: "someone_elses");
        var bare = new { type = "message_action", callback_id = "whostopped_these", team = new { id = SignedRequests.Team }, channel = new { id = SignedRequests.Channel } };

        (await app.SendAsync(Interaction(other))).Dispose();
        (await app.SendAsync(Interaction(bare))).Dispose();
        using var response = await app.SendAsync(Shortcut(app, new { type = "message", text = $"is {Id} down?", ts = AlarmTs }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.Slack.WaitForAsync(2);
        Assert.All(app.Slack.Bodies(), p => Assert.Equal(AlarmTs, p.GetProperty("thread_ts").GetString()));
        Assert.Equal(1, app.Investigations);
    }

    private static HttpRequestMessage Shortcut(TestApp app, object message) =>
        Interaction(SignedRequests.MessageShortcut(message, app.Slack.ResponseUrl));

    private static HttpRequestMessage Interaction(object payload) =>
        SignedRequests.Form(SlackEndpoints.InteractionsPath, new Dictionary<string, string> { ["payload"] = JsonSerializer.Serialize(payload) });
}
