using System.Net;
using System.Text.Json;
using ChatBot.Tests.Slack;
using ChatBot.Tests.Slack.Support;

namespace ChatBot.Tests.Faults;

/// <summary>A saturated bot: one worker held on slow AWS and a queue of one. The queue stays bounded, and whoever
/// finds it full is told so at once instead of hearing nothing.</summary>
public sealed class BackpressureTests : IAsyncDisposable
{
    private const string Id = SampleFindings.Id;
    private readonly SlackTestApp app = new(new Dictionary<string, string?> { ["WHOSTOPPED_QUEUE_CAPACITY"] = "1" });
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
}
