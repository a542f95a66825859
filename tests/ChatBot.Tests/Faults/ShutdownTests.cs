using ChatBot.Slack.Work;
using System.Diagnostics.Metrics;
using System.Text.Json;
using ChatBot.Tests.Slack;
using ChatBot.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Faults;

/// <summary>SIGTERM with work in flight: the host's graceful stop, as WebApplicationFactory's dispose runs it.
/// Every acknowledged question ends in its answer or a "restarting, ask again" notice, exactly once.</summary>
public class ShutdownTests
{
    private const string Id = SampleFindings.Id;
    private const string HeldId = TestApp.OtherId;

    private static string Text(JsonElement post) => post.GetProperty("text").GetString()!;

    private static string? ThreadTs(JsonElement post) => post.TryGetProperty("thread_ts", out var ts) ? ts.GetString() : null;

    private static bool IsRestarting(JsonElement post) => Text(post).Contains("I'm restarting", StringComparison.Ordinal) && !IsWatchNote(post);

    private static bool IsWatchNote(JsonElement post) => Text(post).Contains("stopped watching", StringComparison.Ordinal);

    [Fact]
    public async Task Questions_running_or_queued_at_shutdown_are_answered_when_they_finish_within_the_drain_time()
    {
        await using var app = new TestApp();
        var slowAws = app.HoldCloudTrail();
        using var command = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        await Eventually.TrueAsync(() => slowAws.Waiting == 1);
        using var mention = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "1.5"), "EvQueued"));

        // The investigation can only finish once shutdown has begun.
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(slowAws.Release);
        await app.StopAsync();

        // Each question once: the command's summary with its details under it, and the mention's pair in its thread.
        // CloudTrail had nothing, so both answers were watching for it: each is told once, in its thread, that the
        // watch ended with the restart.
        var posts = app.Slack.Bodies().Where(p => !IsWatchNote(p)).ToList();
        Assert.Equal([null, "1.5", "1.5", FakeSlack.SummaryTs], posts.Select(ThreadTs).Order(StringComparer.Ordinal));
        Assert.Equal(["1.5", FakeSlack.SummaryTs], app.Slack.Bodies().Where(IsWatchNote).Select(ThreadTs).Order(StringComparer.Ordinal));
        Assert.All(posts, p => Assert.Contains(Id, Text(p)));
        Assert.DoesNotContain(posts, IsRestarting);
        Assert.Empty(app.Slack.Bodies("/respond/*"));
    }

    [Fact]
    public async Task Questions_left_at_the_drain_deadline_each_get_one_restarting_notice_where_they_were_asked()
    {
        await using var app = new TestApp(new Dictionary<string, string?> { ["WHOSTOPPED_DRAIN_SECONDS"] = "1", ["WHOSTOPPED_WORKERS"] = "2" });
        var slowAws = app.HoldCloudTrail(HeldId);
        var url = (string name) => $"{app.Slack.Server.Url}/respond/{name}";

        using var answered = await app.SendAsync(SignedRequests.Command(Id, url("answered")));
        await app.Slack.WaitForAsync(2);

        // Both workers wait on AWS; two more questions wait in the queue behind them.
        using var running = await app.SendAsync(SignedRequests.Command(HeldId, url("running")));
        using var runningMention = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {HeldId}", "2.1", "2.0"), "EvRunning"));
        // Both taken by the two workers (the queue is empty), and waiting on the one held LookupEvents they share.
        var backlog = app.Get<SlackBacklog>();
        await Eventually.TrueAsync(() => backlog.Waiting == 0 && slowAws.Waiting == 1, "both held questions to be taken and wait on AWS");
        using var queued = await app.SendAsync(SignedRequests.Command(Id, url("queued")));
        using var queuedDm = await app.SendAsync(SignedRequests.Event(SignedRequests.DirectMessage($"who stopped {Id}", "3.1"), "EvQueuedDm"));
        using var meters = new MeterCapture(app.Services.GetRequiredService<IMeterFactory>());

        var stopping = app.StopAsync().AsTask();

        // Once the askers are told, let AWS answer: the abandoned search would otherwise hold the app's disposal until
        // its own 10 s timeout (the HTTP client's resilience pipeline waits for calls in flight).
        await Eventually.TrueAsync(() => app.Slack.Bodies("/respond/*").Count == 2, "the restarting notices");
        slowAws.Release();
        await stopping;

        Assert.Empty(app.Slack.Bodies("/respond/answered"));
        foreach (var (name, id) in new[] { ("running", HeldId), ("queued", Id) })
        {
            var notice = Assert.Single(app.Slack.Bodies($"/respond/{name}"));
            Assert.Equal("ephemeral", notice.GetProperty("response_type").GetString());
            Assert.True(IsRestarting(notice));
            Assert.Contains(id, Text(notice));
            Assert.Contains("ask again", Text(notice));
        }

        var posts = app.Slack.Bodies();
        Assert.Equal(4, posts.Count);
        Assert.Equal(2, posts.Count(p => !IsRestarting(p) && p.GetProperty("channel").GetString() == SignedRequests.Channel));
        Assert.True(IsRestarting(Assert.Single(posts, p => ThreadTs(p) == "2.0")));
        Assert.True(IsRestarting(Assert.Single(posts, p => p.GetProperty("channel").GetString() == "D0ALICE")));
        Assert.Equal(4, app.Logs.Lines.Count(l => l.Contains("was not finished within the drain time", StringComparison.Ordinal)));
        Assert.Equal(4, meters.Sum("whostopped.commands", ("outcome", "abandoned")));
    }

    [Fact]
    public async Task A_notice_being_posted_at_the_drain_deadline_is_finished_not_cut_off_and_sent_twice()
    {
        await using var app = new TestApp(new Dictionary<string, string?> { ["WHOSTOPPED_DRAIN_SECONDS"] = "1" });
        var slowAws = app.HoldCloudTrail();
        var slowSlack = app.HoldPostsInThread("9.1");
        using var question = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        using var mention = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention("<@U0BOT> who stopped prod?", "9.1"), "EvSlowNotice"));
        await Eventually.TrueAsync(() => slowAws.Waiting == 1 && slowSlack.Waiting == 1, "a question and a notice in flight");

        var stopping = app.StopAsync().AsTask();
        await Eventually.TrueAsync(() => app.Logs.Lines.Any(l => l.Contains("within the drain time", StringComparison.Ordinal)), "the drain deadline");
        slowSlack.Release();
        slowAws.Release();
        await stopping;

        var notice = Assert.Single(app.Slack.Bodies());
        Assert.Equal("9.1", ThreadTs(notice));
        Assert.Contains("Ask me with an instance ID", Text(notice));
        Assert.True(IsRestarting(Assert.Single(app.Slack.Bodies("/respond/*"))));
    }

    [Fact]
    public async Task The_host_waits_longer_than_the_drain_time_so_the_notices_go_out()
    {
        await using var app = new TestApp(new Dictionary<string, string?> { ["WHOSTOPPED_DRAIN_SECONDS"] = "45" });
        var host = app.Services.GetRequiredService<IOptions<HostOptions>>().Value;
        Assert.True(host.ShutdownTimeout >= TimeSpan.FromSeconds(45) + ChatBot.Slack.Work.SlackWorker.NoticeTimeout, $"shutdown timeout {host.ShutdownTimeout}");
    }
}
