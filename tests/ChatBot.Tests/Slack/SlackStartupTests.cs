using ChatBot.Tests.Slack.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ChatBot.Slack;

namespace ChatBot.Tests.Slack;

public class SlackStartupTests
{
    [Theory]
    [InlineData("SLACK_SIGNING_SECRET")]
    [InlineData("SLACK_BOT_TOKEN")]
    public async Task Start_fails_naming_a_missing_secret(string variable)
    {
        await using var app = new SlackTestApp(new FakeInvestigator(), new Dictionary<string, string?> { [variable] = "" }, "Production");
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);
        Assert.Contains(variable, failure.Message);
    }

    [Fact]
    public async Task The_sandbox_switch_skips_the_secret_check_in_Development()
    {
        await using var app = new SlackTestApp(new FakeInvestigator(), new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", ["SLACK_BOT_TOKEN"] = "", [SlackExtensions.SandboxSwitch] = "true",
        });
        Assert.Equal("", app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret);
    }

    [Fact]
    public async Task The_sandbox_switch_is_ignored_in_Production()
    {
        await using var app = new SlackTestApp(new FakeInvestigator(), new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", [SlackExtensions.SandboxSwitch] = "true",
        }, "Production");
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);
        Assert.Contains("SLACK_SIGNING_SECRET", failure.Message);
    }

    [Fact]
    public async Task Without_a_signing_secret_every_Slack_request_is_refused()
    {
        await using var app = new SlackTestApp(new FakeInvestigator(), new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", [SlackExtensions.SandboxSwitch] = "true",
        });
        var request = SignedRequests.Json(SlackEndpoints.EventsPath, """{"type":"url_verification","challenge":"x"}""", secret: "");
        using var response = await app.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_200_without_a_signature()
    {
        await using var app = new SlackTestApp(new FakeInvestigator());
        using var client = app.CreateClient();
        using var response = await client.GetAsync(SlackEndpoints.HealthPath);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
