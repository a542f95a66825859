using System.Net;
using System.Text.Json;
using ChatBot.Investigation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WireMock.ResponseBuilders;

namespace ChatBot.Tests.Slack;

public class SlashCommandTests
{
    private const string Id = SampleFindings.Id;

    private static async Task<JsonElement> AckAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Posts_a_top_level_summary_per_instance_with_details_threaded_under_it()
    {
        await using var app = new TestApp();
        using var response = await app.SendAsync(SignedRequests.Command($"{Id} {TestApp.OtherId}", app.Slack.ResponseUrl));

        var ack = await AckAsync(response);
        Assert.Equal("ephemeral", ack.GetProperty("response_type").GetString());
        Assert.Contains("Looking up", ack.GetProperty("text").GetString());

        var posts = await app.Slack.WaitForAsync(4);
        var summaries = posts.Where(p => !p.TryGetProperty("thread_ts", out _)).ToList();
        var replies = posts.Where(p => p.TryGetProperty("thread_ts", out _)).ToList();
        Assert.Equal(2, summaries.Count);
        Assert.All(summaries, s => Assert.Equal(SignedRequests.Channel, s.GetProperty("channel").GetString()));
        Assert.All(summaries, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("text").GetString())));
        Assert.Contains(Id, summaries[0].GetProperty("text").GetString());
        Assert.Contains(TestApp.OtherId, summaries[1].GetProperty("text").GetString());
        Assert.Equal(2, replies.Count);
        Assert.All(replies, r => Assert.Equal(FakeSlack.SummaryTs, r.GetProperty("thread_ts").GetString()));
    }

    [Fact]
    public async Task Sends_the_bot_token_as_a_bearer_header()
    {
        await using var app = new TestApp();
        using var response = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(1);
        var request = app.Slack.Server.LogEntries.ElementAt(0).RequestMessage;
        Assert.Equal("Bearer xoxb-test-token", request.Headers!["Authorization"].Single());
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    public async Task Help_is_ephemeral_usage_and_nothing_is_posted(string text)
    {
        await using var app = new TestApp();
        var ack = await AckAsync(await app.SendAsync(SignedRequests.Command(text, app.Slack.ResponseUrl)));
        Assert.Equal("ephemeral", ack.GetProperty("response_type").GetString());
        Assert.Contains("/whostopped i-0123456789abcdef0", ack.GetProperty("text").GetString());
        Assert.Empty(app.Aws.Server.LogEntries);
        Assert.Empty(app.Slack.Server.LogEntries);
    }

    [Fact]
    public async Task A_malformed_id_gets_an_ephemeral_error_naming_it_and_nothing_is_posted()
    {
        await using var app = new TestApp();
        var ack = await AckAsync(await app.SendAsync(SignedRequests.Command("i-12345 us-east-1", app.Slack.ResponseUrl)));
        Assert.Equal("ephemeral", ack.GetProperty("response_type").GetString());
        Assert.Contains("`i-12345`", ack.GetProperty("text").GetString());
        Assert.Contains(InstanceId.ExpectedForm, ack.GetProperty("text").GetString());
        Assert.Empty(app.Aws.Server.LogEntries);
        Assert.Empty(app.Slack.Server.LogEntries);
    }

    [Fact]
    public async Task Answers_through_response_url_in_channel_when_the_bot_is_not_in_the_channel()
    {
        await using var app = new TestApp();
        app.Slack.FailPostsWith("not_in_channel");
        using var response = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));

        var responses = await app.Slack.WaitForAsync(1, "/respond/*");
        Assert.Single(app.Slack.Bodies());
        Assert.Equal("in_channel", responses[0].GetProperty("response_type").GetString());
        Assert.False(responses[0].GetProperty("replace_original").GetBoolean());
        Assert.Contains(Id, responses[0].GetProperty("text").GetString());
        Assert.Contains("/invite @whostopped", responses[0].GetRawText());
    }

    [Fact]
    public async Task Waits_out_a_429_and_then_posts_exactly_once()
    {
        await using var app = new TestApp();
        app.Slack.AnswerNextPostWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBodyAsJson(new { ok = false, error = "ratelimited" }));

        using var response = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(3);

        var attempts = app.Slack.PostAttempts();
        Assert.Equal([429, 200, 200], attempts.Select(a => Convert.ToInt32(a.ResponseMessage.StatusCode)));
        Assert.Equal(attempts[0].RequestMessage.Body, attempts[1].RequestMessage.Body);
        Assert.DoesNotContain("thread_ts", attempts[1].RequestMessage.Body);
        Assert.Contains("thread_ts", attempts[2].RequestMessage.Body);
        Assert.True(attempts[1].RequestMessage.DateTime - attempts[0].RequestMessage.DateTime >= TimeSpan.FromSeconds(0.9));
    }
}
