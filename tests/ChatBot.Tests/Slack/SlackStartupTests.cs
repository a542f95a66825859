using ChatBot.Aws;
using ChatBot.Doctor;
using ChatBot.Feed;
using ChatBot.Hosting;
using ChatBot.Investigation;
using ChatBot.Slack;
using ChatBot.Slack.Ingress;
using ChatBot.Tests.Slack.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Slack;

public class SlackStartupTests
{
    /// <summary>The app without its web server, started the way the bot starts, so validation runs as at boot.</summary>
    private static async Task<SlackOptions> StartAsync(string environment, IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SignedRequests.Secret, ["SLACK_BOT_TOKEN"] = "xoxb-test-token",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAws();
        builder.AddInvestigation();
        builder.AddDoctor();
        builder.AddFeedProbe();
        builder.AddSlack(builder.AddRunMode());
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
        return host.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
    }

    [Theory]
    [InlineData("SLACK_SIGNING_SECRET")]
    [InlineData("SLACK_BOT_TOKEN")]
    public async Task Start_fails_naming_a_missing_secret(string variable)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync("Production", new Dictionary<string, string?> { [variable] = "" }));
        Assert.Contains(variable, failure.Message);
    }

    [Fact]
    public async Task The_sandbox_switch_skips_the_secret_check_in_Development()
    {
        var options = await StartAsync("Development", new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", ["SLACK_BOT_TOKEN"] = "", [RunMode.SandboxSwitch] = "true",
        });
        Assert.Equal("", options.SigningSecret);
    }

    [Fact]
    public async Task The_sandbox_switch_is_ignored_in_Production()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Production", new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", [RunMode.SandboxSwitch] = "true",
        }));
        Assert.Contains("SLACK_SIGNING_SECRET", failure.Message);
    }

    [Fact]
    public async Task Socket_Mode_needs_no_signing_secret()
    {
        var options = await StartAsync("Production", new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", ["SLACK_APP_TOKEN"] = FakeSocketSlack.AppToken,
        });
        Assert.True(options.UsesSocketMode);
    }

    [Fact]
    public async Task Socket_Mode_still_needs_the_bot_token_to_post()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Production", new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", ["SLACK_APP_TOKEN"] = FakeSocketSlack.AppToken, ["SLACK_BOT_TOKEN"] = "",
        }));
        Assert.Contains("SLACK_BOT_TOKEN", failure.Message);
        Assert.DoesNotContain("SLACK_SIGNING_SECRET is not set", failure.Message);
    }

    [Fact]
    public async Task A_bot_token_given_as_the_app_token_fails_naming_SLACK_APP_TOKEN()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync("Production", new Dictionary<string, string?> { ["SLACK_APP_TOKEN"] = "xoxb-not-an-app-token" }));
        Assert.Contains("SLACK_APP_TOKEN", failure.Message);
    }

    [Theory]
    [InlineData("SLACK_API_URL", "not a url")]
    [InlineData("WHOSTOPPED_QUEUE_CAPACITY", "0")]
    [InlineData("WHOSTOPPED_WORKERS", "0")]
    public async Task Start_fails_on_an_unusable_setting_naming_it(string variable, string value)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync("Production", new Dictionary<string, string?> { [variable] = value }));
        Assert.Contains(variable, failure.Message);
    }

    [Fact]
    public async Task Without_a_signing_secret_every_Slack_request_is_refused()
    {
        await using var app = new SlackTestApp(new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", [RunMode.SandboxSwitch] = "true",
        });
        var request = SignedRequests.Json(SlackEndpoints.EventsPath, """{"type":"url_verification","challenge":"x"}""", secret: "");
        using var response = await app.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_200_without_a_signature()
    {
        await using var app = new SlackTestApp();
        using var client = app.CreateClient();
        using var response = await client.GetAsync(SlackEndpoints.HealthPath);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
