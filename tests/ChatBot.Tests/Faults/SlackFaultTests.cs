using ChatBot.Slack.Api;
using ChatBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatBot.Tests.Faults;

/// <summary>What an incident looks like from Slack's side: its Web API failing, slow, or refusing the bot's token.
/// 429 with Retry-After and not_in_channel are covered with the slash command's placement tests.</summary>
public class SlackFaultTests
{
    private const string Id = SampleFindings.Id;

    private static int Status(WireMock.Logging.ILogEntry attempt) => Convert.ToInt32(attempt.ResponseMessage.StatusCode);

    private static bool IsSummary(string? body) => body is not null && !body.Contains("thread_ts", StringComparison.Ordinal);

    [Fact]
    public async Task A_5xx_from_chat_postMessage_is_retried_and_the_answer_is_posted_exactly_once()
    {
        await using var app = new TestApp();
        app.Slack.AnswerNextPostWith(Response.Create().WithStatusCode(503).WithBody("upstream unavailable"));

        using var response = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(3);

        var attempts = app.Slack.PostAttempts();
        Assert.Equal([503, 200, 200], attempts.Select(Status));
        Assert.Equal(attempts[0].RequestMessage.Body, attempts[1].RequestMessage.Body);
        Assert.Single(attempts, a => Status(a) == 200 && IsSummary(a.RequestMessage.Body));
        Assert.Empty(app.Slack.Bodies("/respond/*"));
    }

    /// <summary>A timed-out post may have reached the channel, so it is neither retried nor sent again through
    /// response_url: one logged failure beats a duplicate answer in an incident channel (see SlackRetry).</summary>
    [Fact]
    public async Task A_timed_out_post_is_not_sent_again_anywhere_and_the_next_question_is_answered()
    {
        await using var app = new TestApp(edges: services =>
            services.AddHttpClient(SlackApiClient.HttpClientName, http => http.Timeout = TimeSpan.FromMilliseconds(300)));
        app.Slack.Server.Given(Request.Create().WithPath(FakeSlack.PostMessagePath).WithBody($"*{Id}*")).AtPriority(1)
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(1)).WithBodyAsJson(new { ok = true, ts = "1.1" }));

        using var first = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        using var second = await app.SendAsync(SignedRequests.Command(TestApp.OtherId, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(3);

        var bodies = app.Slack.PostAttempts().Select(a => a.RequestMessage.Body!).ToList();
        Assert.Single(bodies, b => b.Contains(Id, StringComparison.Ordinal));
        Assert.Equal(2, bodies.Count(b => b.Contains(TestApp.OtherId, StringComparison.Ordinal)));
        Assert.Empty(app.Slack.Bodies("/respond/*"));
        Assert.Contains(app.Logs.Lines, l => l.Contains("chat.postMessage timed out; not retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_token_is_logged_clearly_not_retried_and_commands_are_answered_through_response_url()
    {
        await using var app = new TestApp();
        app.Slack.FailPostsWith("invalid_auth");

        using var command = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        var answer = Assert.Single(await app.Slack.WaitForAsync(1, "/respond/*"));
        using var mention = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "4.1"), "EvAuth"));
        using var later = await app.SendAsync(SignedRequests.Command(TestApp.OtherId, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(2, "/respond/*");

        Assert.Equal("in_channel", answer.GetProperty("response_type").GetString());
        Assert.Contains(Id, answer.GetProperty("text").GetString());
        Assert.Contains("SLACK_BOT_TOKEN", answer.GetRawText());
        Assert.Equal(3, app.Slack.PostAttempts().Count);
        Assert.Equal(System.Net.HttpStatusCode.OK, later.StatusCode);

        var refusals = app.Logs.Lines.Where(l => l.Contains("Error: Slack refused the bot token (invalid_auth)", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, l => Assert.Contains("SLACK_BOT_TOKEN", l));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("xoxb-test-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_token_on_a_mention_ends_that_answer_after_one_try()
    {
        await using var app = new TestApp();
        app.Slack.FailPostsWith("token_revoked");

        using var mention = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id} {TestApp.OtherId}", "5.1"), "EvRevoked"));
        using var control = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(1, "/respond/*");

        // Two instances, each with a summary and details: without the early stop the mention alone would make four failing posts.
        var attempts = app.Slack.PostAttempts().Select(a => a.RequestMessage.Body).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Contains("\"thread_ts\":\"5.1\"", attempts[0]);
        Assert.True(IsSummary(attempts[1]));
    }
}
