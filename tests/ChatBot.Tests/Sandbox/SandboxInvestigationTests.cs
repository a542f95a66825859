using ChatBot.Aws;
using ChatBot.Investigation;
using ChatBot.Sandbox;
using ChatBot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Sandbox;

/// <summary>Every sample ID asked at once, through the real host (Development, nothing configured) and the real Investigator.</summary>
public sealed class SandboxFindings : IAsyncLifetime, IDisposable
{
    private readonly TestApp app = new("Development", new Dictionary<string, string?>());

    public Dictionary<string, Finding> ById { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var sample = app.Services.GetRequiredService<SampleAccount>();
        var ids = sample.Instances.Select(i => i.Instance.InstanceId).Concat(sample.UnknownInstanceIds).ToList();
        var answers = await app.Services.GetRequiredService<IInvestigator>()
            .InvestigateAsync(new Question(AwsAccount.Default, ids), CancellationToken.None);
        ById = answers.ToDictionary(f => f.InstanceId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => app.Dispose();
}

/// <summary>Each sample tells its story through the real engine.</summary>
public sealed class SandboxInvestigationTests(SandboxFindings sandbox) : IClassFixture<SandboxFindings>
{
    private readonly Dictionary<string, Finding> findings = sandbox.ById;

    [Fact]
    public void Every_sample_is_answered_without_an_error()
    {
        Assert.Equal(11, findings.Count);
        Assert.All(findings.Values, f => Assert.Null(f.Error));
    }

    [Fact]
    public void The_console_stop_names_the_SSO_user_even_though_the_stop_is_on_the_second_page()
    {
        var f = findings["i-0da88f3e7eb2ce37e"];
        Assert.Equal((StopCause.Api, "jane.doe@example.com", "Console"), (f.Cause, f.Stop?.Actor?.DisplayName, f.Stop?.Via));
        Assert.Equal(f.StoppedAt, f.Stop?.EventTime);
    }

    [Fact]
    public void The_CLI_stop_names_the_IAM_user_and_the_other_instance_in_the_same_call()
    {
        var f = findings["i-055b86098cda5247b"];
        Assert.Equal(("carlos.ops", "AWS CLI"), (f.Stop?.Actor?.DisplayName, f.Stop?.Via));
        Assert.Equal(["i-051d785c3e5b584a7"], f.AlsoStopped);
    }

    [Fact]
    public void Services_and_the_OS_are_told_apart_from_people()
    {
        Assert.Equal("Auto Scaling", findings["i-033000de3769cc1cb"].Stop?.Actor?.DisplayName);
        Assert.Equal(StopCause.Spot, findings["i-0dd6f50f33595377d"].Cause);
        Assert.Equal(StopCause.OsShutdown, findings["i-0a778df7af7bbf5e2"].Cause);
        Assert.Equal("Terraform", findings["i-04cd82d523a409a97"].Stop?.Via);
        Assert.NotNull(findings["i-0d9c91acfbeb37a93"].SchedulerLastAction);
    }

    [Fact]
    public void The_instance_running_again_shows_both_people_and_the_denied_attempt()
    {
        var f = findings["i-0377a6dc3c7760a91"];
        Assert.True(f.RunningAgain);
        Assert.Equal(("alex.kim@example.com", "priya.natarajan@example.com"), (f.Stop?.Actor?.DisplayName, f.LastStart?.Actor.DisplayName));
        Assert.Equal("Client.UnauthorizedOperation", Assert.Single(f.DeniedAttempts).ErrorCode);
    }

    [Fact]
    public void The_staging_instance_is_answered_from_the_staging_account_and_the_others_from_prod()
    {
        var staging = findings["i-0c5a7e11d0b5e9a41"];
        Assert.Equal((new FindingAccount("234567890123", "staging"), "dana.ortiz@example.com"), (staging.Account, staging.Stop?.Actor?.DisplayName));
        Assert.All(findings.Values.Where(f => f.Found && f != staging), f => Assert.Equal("prod", f.Account?.Alias));
    }

    [Fact]
    public void The_unknown_ID_is_reported_as_not_found()
    {
        var f = findings["i-0badc0ffee0000000"];
        Assert.False(f.Found);
        Assert.Contains("No instance i-0badc0ffee0000000 was found", f.Explanation);
    }
}
