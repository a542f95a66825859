
namespace ChatBot.Tests.Hosting;

/// <summary>The built app as it runs in the container (Production, JSON console), with logging opened up to Trace,
/// answering a real command through AWS and Slack stand-ins: the log carries the command, the instance, durations
/// and AWS request IDs, and never a secret.</summary>
public sealed class SecretsInProductionLogsTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private const string BotToken = "xoxb-90210-31337-Zq8vVZtH3TGvU7nH2k4sLw0e";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEJr-session-token-that-must-stay-secret";
    private readonly AwsStub aws = new();
    private readonly FakeSlack slack = new();

    public void Dispose()
    {
        aws.Dispose();
        slack.Dispose();
    }

    [Fact]
    public async Task A_production_answer_logs_what_happened_and_never_a_secret_token_key_or_response_url()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1)));
        await using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
            ["SLACK_SIGNING_SECRET"] = SignedRequests.Secret,
            ["SLACK_BOT_TOKEN"] = BotToken,
            ["SLACK_API_URL"] = slack.ApiUrl,
            ["AWS_ENDPOINT_URL"] = aws.Server.Url,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_SESSION_TOKEN"] = SessionToken,
        });
        var url = await app.WaitUntilListeningAsync();
        using var http = new HttpClient { BaseAddress = url };

        using var command = SignedRequests.Command($"{Id} us-east-1", slack.ResponseUrl);
        using var answered = await http.SendAsync(command);
        await slack.WaitForAsync(2, timeout: TimeSpan.FromSeconds(30));
        using var forged = SignedRequests.Json("/slack/events", "{}", secret: "not-the-secret");
        using var refused = await http.SendAsync(forged);
        using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        // The worker logs its duration after the last post.
        await Eventually.TrueAsync(() => app.Output.Contains("/whostopped answered in", StringComparison.Ordinal), "the worker's log line");

        var log = app.Output;
        Assert.Contains("/whostopped answered in", log);
        Assert.Contains(Id, log);
        Assert.Contains("ct-req-1", log);
        Assert.DoesNotContain(SignedRequests.Secret, log);
        Assert.DoesNotContain(BotToken, log);
        Assert.DoesNotContain("secret-hook-token", log);
        Assert.DoesNotContain(SessionToken, log);
        Assert.DoesNotContain(Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY")!, log);
    }
}
