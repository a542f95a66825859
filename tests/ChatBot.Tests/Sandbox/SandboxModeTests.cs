using System.Net;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.Ec2;
using ChatBot.Feed;
using ChatBot.Hosting;
using ChatBot.Sandbox;
using ChatBot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Sandbox;

public class SandboxModeTests
{
    [Fact]
    public async Task Development_without_Slack_settings_runs_the_sandbox_through_the_real_host()
    {
        await using var app = new TestApp("Development", new Dictionary<string, string?>());

        Assert.IsType<SandboxCloudTrail>(Assert.IsType<FeedAwareCloudTrail>(app.Services.GetRequiredService<ICloudTrail>()).Inner);
        Assert.IsType<SandboxEc2>(app.Services.GetRequiredService<IEc2>());
        var list = await app.CreateClient().GetStringAsync(new Uri("/sandbox/instances", UriKind.Relative));
        Assert.Contains("i-0da88f3e7eb2ce37e", list);
        Assert.Contains("i-0badc0ffee0000000", list);
    }

    [Fact]
    public async Task Development_with_Slack_settings_uses_real_AWS_and_serves_no_sandbox_page()
    {
        await using var app = TestApp.WithSlack("Development", new Dictionary<string, string?>());

        Assert.IsType<CloudTrailClient>(Assert.IsType<FeedAwareCloudTrail>(app.Services.GetRequiredService<ICloudTrail>()).Inner);
        Assert.IsType<Ec2Client>(app.Services.GetRequiredService<IEc2>());
        var response = await app.CreateClient().GetAsync(new Uri("/sandbox/instances", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void The_sandbox_can_be_asked_for_outside_Development_but_never_in_Production()
    {
        using var staging = new TestApp("Staging", new Dictionary<string, string?> { [RunMode.SandboxSwitch] = "true" });
        Assert.IsType<SandboxEc2>(staging.Services.GetRequiredService<IEc2>());

        using var production = TestApp.WithSlack("Production", new Dictionary<string, string?> { [RunMode.SandboxSwitch] = "true" });
        Assert.IsType<Ec2Client>(production.Services.GetRequiredService<IEc2>());
        Assert.IsType<CloudTrailClient>(Assert.IsType<FeedAwareCloudTrail>(production.Services.GetRequiredService<ICloudTrail>()).Inner);
    }

    [Fact]
    public void Production_without_Slack_secrets_fails_start_naming_both_variables_instead_of_falling_back_to_the_sandbox()
    {
        using var production = new TestApp("Production", new Dictionary<string, string?>());

        var error = Assert.ThrowsAny<OptionsValidationException>(() => production.Services);
        Assert.Contains("SLACK_SIGNING_SECRET is not set", error.Message);
        Assert.Contains("SLACK_BOT_TOKEN is not set", error.Message);
    }

    [Fact]
    public void The_sandbox_can_be_switched_off_in_Development_to_test_against_real_AWS()
    {
        using var app = TestApp.WithSlack("Development", new Dictionary<string, string?> { [RunMode.SandboxSwitch] = "false" });

        Assert.IsType<Ec2Client>(app.Services.GetRequiredService<IEc2>());
    }
}
