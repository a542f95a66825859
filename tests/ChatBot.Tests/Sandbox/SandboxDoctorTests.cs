using ChatBot.Aws.Accounts;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.S3;
using ChatBot.Doctor;
using ChatBot.Sandbox;
using ChatBot.Tests.Telemetry;
using ChatBot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Sandbox;

/// <summary>The sandbox's doctor reads the sample organisation's trails from memory: prod's well kept, staging's not,
/// and no AWS call at all.</summary>
public sealed class SandboxDoctorTests : IDisposable
{
    private readonly TestApp app = new("Development", new Dictionary<string, string?>());

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_doctor_judges_the_sample_trails_with_no_AWS_call()
    {
        using var meter = new MeterCapture(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var accounts = app.Services.GetRequiredService<AccountDirectory>().All;

        var report = await app.Services.GetRequiredService<TrailDoctor>().CheckAsync(accounts, CancellationToken.None);

        Assert.IsType<SandboxTrails>(app.Services.GetRequiredService<ITrailSettings>());
        Assert.IsType<SandboxTrails>(app.Services.GetRequiredService<IBucketLifecycle>());
        var prod = report.Where(r => r.Account.Alias == "prod").ToDictionary(r => r.Check);
        var staging = report.Where(r => r.Account.Alias == "staging").ToDictionary(r => r.Check);
        Assert.All(CheckNames.All.Take(7), check => Assert.Equal(CheckStatus.Ok, prod[check].Status));
        Assert.Equal([CheckNames.Kms, CheckNames.CloudWatchLogs, CheckNames.S3Lifecycle],
            staging.Values.Where(r => r.Status == CheckStatus.Warn && r.Check != CheckNames.Feed).Select(r => r.Check));
        Assert.Contains("update-trail --name arn:aws:cloudtrail:us-east-1:234567890123:trail/staging-trail", staging[CheckNames.Kms].Fix);
        Assert.All(report.Where(r => r.Check == CheckNames.MemberRole), r => Assert.Equal(CheckStatus.Ok, r.Status));
        Assert.Equal(CheckStatus.Warn, prod[CheckNames.Feed].Status);
        // Every AWS call the bot makes is counted on the whostopped meter: none counted, none made.
        Assert.Equal(0, meter.Count("whostopped.aws.calls"));
    }
}
