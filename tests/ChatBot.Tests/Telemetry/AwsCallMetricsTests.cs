using System.Diagnostics.Metrics;
using ChatBot.Aws;
using ChatBot.Investigation;
using ChatBot.Tests.Hosting;
using ChatBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Telemetry;

public sealed class AwsCallMetricsTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private readonly AwsStub aws = new();

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task Every_AWS_attempt_is_counted_by_operation_and_outcome_and_throttles_separately()
    {
        aws.Instances("us-east-1", new Instance(Id))
            .Events("us-east-1", Id, Records.IamUserCliStop(Id, DateTimeOffset.UtcNow.AddHours(-1), "bob"))
            .CloudTrailFails("us-east-1", Id, 400, "ThrottlingException", "Rate exceeded", times: 1);
        await using var app = TestApp.WithSlack("Testing", aws.Configuration);
        using var meters = new MeterCapture(app.Services.GetRequiredService<IMeterFactory>());

        var findings = await app.Services.GetRequiredService<IInvestigator>()
            .InvestigateAsync(new Question(AwsAccount.Default, [Id], "us-east-1"), CancellationToken.None);

        Assert.Equal("bob", findings.Single().Stop?.Actor?.DisplayName);
        Assert.Equal(1, meters.Sum("whostopped.aws.calls", ("operation", "cloudtrail:LookupEvents"), ("outcome", "throttled"), ("error.type", "ThrottlingException")));
        Assert.Equal(1, meters.Sum("whostopped.aws.calls", ("operation", "cloudtrail:LookupEvents"), ("outcome", "ok")));
        Assert.Equal(1, meters.Sum("whostopped.aws.calls", ("operation", "ec2:DescribeInstances"), ("outcome", "ok")));
        Assert.Equal(1, meters.Sum("whostopped.aws.throttles", ("operation", "cloudtrail:LookupEvents")));
    }

    [Fact]
    public async Task AWS_request_ids_reach_the_logs_with_the_operation()
    {
        aws.Instances("us-east-1", new Instance(Id))
            .CloudTrailFails("us-east-1", Id, 400, "AccessDeniedException", "not authorized");
        await using var app = TestApp.WithSlack("Testing", aws.Configuration);

        await app.Services.GetRequiredService<IInvestigator>()
            .InvestigateAsync(new Question(AwsAccount.Default, [Id], "us-east-1"), CancellationToken.None);

        Assert.Contains(app.Logs.Lines, l => l.Contains("cloudtrail:LookupEvents in us-east-1 failed with AccessDeniedException") && l.Contains("ct-req-1"));
        Assert.Contains(app.Logs.Lines, l => l.Contains("ec2:DescribeInstances in us-east-1") && l.Contains("AwsRequestId=d-1"));
    }
}
