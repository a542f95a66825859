using ChatBot.Slack.Ingress;
using ChatBot.Slack;

namespace ChatBot.Tests.Slack;

public class SecretsInLogsTests
{
    [Fact]
    public async Task Neither_the_bot_token_nor_the_signing_secret_nor_a_response_url_is_ever_logged()
    {
        await using var app = new TestApp();
        app.Slack.FailPostsWith("not_in_channel");

        using var bad = await app.SendAsync(SignedRequests.Json(SlackEndpoints.EventsPath, "{}", secret: "wrong"));
        using var good = await app.SendAsync(SignedRequests.Command(SampleFindings.Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(1, "/respond/*");

        Assert.NotEmpty(app.Logs.Lines);
        Assert.Contains(app.Logs.Lines, l => l.Contains("not_in_channel"));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("xoxb-test-token") || l.Contains(SignedRequests.Secret) || l.Contains("secret-hook-token"));
    }
}
