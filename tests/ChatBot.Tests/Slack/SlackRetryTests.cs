using System.Net;
using ChatBot.Slack.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Slack;

public class SlackRetryTests
{
    private readonly FakeTimeProvider clock = new();

    /// <summary>Answers each attempt with the next scripted outcome and notes when (on the fake clock) it came.</summary>
    private sealed class Script(FakeTimeProvider clock, params Func<HttpResponseMessage>[] outcomes) : HttpMessageHandler
    {
        public List<DateTimeOffset> Attempts { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Attempts.Add(clock.GetUtcNow());
            return Task.FromResult(outcomes[Math.Min(Attempts.Count - 1, outcomes.Length - 1)]());
        }
    }

    private static HttpResponseMessage Status(HttpStatusCode code) => new(code);

    private async Task<HttpResponseMessage?> SendAsync(Script script)
    {
        using var http = new HttpClient(script);
        var retry = new SlackRetry(clock, NullLogger<SlackRetry>.Instance);
        var sending = retry.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "https://slack.test/api/chat.postMessage"), "test", CancellationToken.None);
        while (!sending.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }

        return await sending;
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_it_names()
    {
        var limited = () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(7)) } };
        var script = new Script(clock, limited, () => Status(HttpStatusCode.OK));

        using var response = await SendAsync(script);

        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
        Assert.InRange(script.Attempts[1] - script.Attempts[0], TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_Slack_answers()
    {
        var script = new Script(clock, () => Status(HttpStatusCode.InternalServerError), () => Status(HttpStatusCode.ServiceUnavailable), () => Status(HttpStatusCode.OK));
        using var response = await SendAsync(script);
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Equal(3, script.Attempts.Count);
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_and_returns_Slacks_answer()
    {
        var script = new Script(clock, () => Status(HttpStatusCode.BadGateway));
        using var response = await SendAsync(script);
        Assert.Equal(HttpStatusCode.BadGateway, response!.StatusCode);
        Assert.Equal(SlackRetry.MaxAttempts, script.Attempts.Count);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_because_nothing_was_sent()
    {
        var script = new Script(clock, () => throw new HttpRequestException(HttpRequestError.ConnectionError), () => Status(HttpStatusCode.OK));
        using var response = await SendAsync(script);
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
    }

    [Fact]
    public async Task A_timeout_is_not_retried_because_the_post_may_have_landed()
    {
        var script = new Script(clock, () => throw new TaskCanceledException("timeout", new TimeoutException()), () => Status(HttpStatusCode.OK));
        Assert.Null(await SendAsync(script));
        Assert.Single(script.Attempts);
    }

    [Fact]
    public async Task A_connection_lost_mid_response_is_not_retried()
    {
        var script = new Script(clock, () => throw new HttpRequestException(HttpRequestError.ResponseEnded), () => Status(HttpStatusCode.OK));
        Assert.Null(await SendAsync(script));
        Assert.Single(script.Attempts);
    }

    [Fact]
    public async Task Client_errors_are_returned_at_once()
    {
        var script = new Script(clock, () => Status(HttpStatusCode.BadRequest), () => Status(HttpStatusCode.OK));
        using var response = await SendAsync(script);
        Assert.Equal(HttpStatusCode.BadRequest, response!.StatusCode);
        Assert.Single(script.Attempts);
    }
}
