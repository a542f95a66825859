using System.Net;
using System.Text.Json;
using ChatBot.Tests.Slack;
using ChatBot.Slack.Work;

namespace ChatBot.Tests.Faults;

/// <summary>A saturated bot: one worker held on slow AWS and a queue of one. The queue stays bounded, and whoever
/// finds it full is told so at once instead of hearing nothing.</summary>
public sealed class BackpressureTests : IAsyncDisposable
{
    private const string Id = SampleFindings.Id;
    private readonly TestApp app = new(new Dictionary<string, string?> { ["WHOSTOPPED_QUEUE_CAPACITY"] = "1" });
    private readonly HeldResponses slowAws;

    public BackpressureTests() => slowAws = app.HoldCloudTrail();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static async Task<JsonElement> AckAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    [Fact]
    public async Task A_command_that_finds_the_backlog_full_is_told_busy_and_the_queued_ones_are_answered()
    {
        var first = await AckAsync(await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl)));
        await Eventually.TrueAsync(() => slowAws.Waiting == 1);
        var second = await AckAsync(await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl)));
        var third = await AckAsync(await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl)));
        slowAws.Release();

        Assert.Contains("Looking up", first.GetProperty("text").GetString());
        Assert.Contains("Looking up", second.GetProperty("text").GetString());
        Assert.Contains("busy", third.GetProperty("text").GetString());
        Assert.Equal("ephemeral", third.GetProperty("response_type").GetString());
        await Eventually.TrueAsync(() => app.Investigations == 2);
    }

    [Fact]
    public async Task A_mention_that_finds_the_backlog_full_is_told_busy_in_its_thread_while_the_others_wait()
    {
        using var running = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "6.1"), "Ev61"));
        await Eventually.TrueAsync(() => slowAws.Waiting == 1);
        using var queued = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "6.2"), "Ev62"));
        using var refused = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "6.3"), "Ev63"));

        // Notices have a lane of their own, so the answer comes while every worker is still stuck on AWS.
        Assert.Contains("busy", await app.Slack.OnlyReplyAsync("6.3"));

        slowAws.Release();
        var posts = await app.Slack.WaitForAsync(5);
        Assert.Equal(["6.1", "6.1", "6.2", "6.2", "6.3"], posts.Select(p => p.GetProperty("thread_ts").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, app.Investigations);
    }

    [Fact]
    public async Task A_mention_that_cannot_even_be_told_busy_is_refused_so_slack_delivers_it_again()
    {
        using var running = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "7.0"), "Ev70"));
        await Eventually.TrueAsync(() => slowAws.Waiting == 1);
        using var queued = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "7.1"), "Ev71"));
        var slowSlack = app.HoldAllPosts();

        // Every notice loop stuck on a post, then the notice lane filled: nothing more can be said to anyone.
        for (var i = 0; i < SlackBacklog.NoticeWorkers + SlackBacklog.NoticeCapacity(1); i++)
        {
            using var busy = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", $"8.{i}"), $"Ev8{i}"));
            Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
            if (i == SlackBacklog.NoticeWorkers - 1)
            {
                await Eventually.TrueAsync(() => slowSlack.Waiting == SlackBacklog.NoticeWorkers);
            }
        }

        using var refused = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "9.0"), "Ev90"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);

        // Slack keeps redelivering a refused event (with backoff); once the bot has room, it is taken and answered once.
        slowSlack.Release();
        slowAws.Release();
        var retry = 0;
        while (true)
        {
            using var redelivered = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "9.0"), "Ev90", retryNum: ++retry));
            if (redelivered.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, redelivered.StatusCode);
            Assert.True(retry < 100, "the bot never took the redelivered event");
            await Task.Delay(50);
        }

        bool InThread(JsonElement post) => post.GetProperty("thread_ts").GetString() == "9.0";
        await Eventually.TrueAsync(() => app.Slack.Bodies().Any(InThread), "a reply to the redelivered mention");
        await Task.Delay(200);
        var replies = app.Slack.Bodies().Where(InThread).Select(p => p.GetProperty("text").GetString()).ToList();
        Assert.Equal(replies.Distinct().Count(), replies.Count);
    }
}
