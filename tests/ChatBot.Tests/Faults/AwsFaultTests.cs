using ChatBot.Tests.Support;

namespace ChatBot.Tests.Faults;

/// <summary>What an incident looks like from the AWS side: throttling storms, 5xx, slow pages, regions that fail.</summary>
public sealed class AwsFaultTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddHours(-1);
    private readonly AwsStub aws = new();

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task A_throttling_storm_ends_in_a_plain_answer_not_an_aws_error_name()
    {
        aws.Instances("us-east-1", new Instance(Id)).CloudTrailFails("us-east-1", Id, 400, "ThrottlingException", "Rate exceeded");
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Equal(6, aws.LookupCalls().Count);
        Assert.Contains("throttling", finding.Error);
        Assert.DoesNotContain("ThrottlingException", finding.Error);
        Assert.DoesNotContain("ThrottlingException", finding.Explanation);
        Assert.Equal("web-1", finding.InstanceName);
    }

    [Fact]
    public async Task Server_errors_500_and_503_are_retried_until_cloudtrail_answers()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, Recently))
            .CloudTrailFailures("us-east-1", Id, (500, "InternalFailure"), (503, "ServiceUnavailable"));
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Null(finding.Error);
        Assert.Equal("alice@example.com", finding.Stop?.Actor!.DisplayName);
        Assert.Equal(3, aws.LookupCalls().Count);
    }

    [Fact]
    public async Task Slow_pages_are_waited_for_within_the_deadline()
    {
        aws.CloudTrailLatency = TimeSpan.FromMilliseconds(800);
        aws.Instances("us-east-1", new Instance(Id))
            .EventPages("us-east-1", Id, [Records.DeniedStop(Id, Recently)], [Records.IamUserCliStop(Id, Recently.AddDays(-1), "bob")]);
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Equal("bob", finding.Stop?.Actor!.DisplayName);
    }

    [Fact]
    public async Task A_region_whose_ec2_fails_does_not_stop_the_answer_from_another()
    {
        aws.Ec2Error("DescribeInstances", "ap-south-1", 503, "Unavailable", "The service is unavailable. Please try again shortly.")
            .Instances("us-east-1").Instances("eu-west-1", new Instance(Id))
            .Events("eu-west-1", Id, Records.SsoConsoleStop(Id, Recently));
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_REGIONS"] = "us-east-1,ap-south-1,eu-west-1" });

        var finding = await engine.AskAsync(Id);

        Assert.Null(finding.Error);
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Equal("alice@example.com", finding.Stop?.Actor!.DisplayName);
    }

    [Fact]
    public async Task Ec2_failing_everywhere_for_an_unfound_instance_is_reported()
    {
        aws.Ec2Error("DescribeInstances", "us-east-1", 500, "InternalError", "An internal error has occurred")
            .Ec2Error("DescribeInstances", "eu-west-1", 500, "InternalError", "An internal error has occurred")
            .Events("us-east-1", Id).Events("eu-west-1", Id);
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_REGIONS"] = "us-east-1,eu-west-1" });

        var finding = await engine.AskAsync(Id);

        Assert.Contains("ec2:DescribeInstances failed: InternalError", finding.Error);
        Assert.StartsWith("Could not look the instance up in EC2", finding.Explanation);
    }

    [Fact]
    public async Task One_region_refusing_ec2_does_not_turn_not_found_into_an_error()
    {
        aws.Ec2Error("DescribeInstances", "ap-south-1", 403, "UnauthorizedOperation", "Explicit deny in a service control policy")
            .Instances("us-east-1").Events("us-east-1", Id).Events("ap-south-1", Id);
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_REGIONS"] = "us-east-1,ap-south-1" });

        var finding = await engine.AskAsync(Id);

        Assert.Null(finding.Error);
        Assert.Contains("No instance i-0123456789abcdef0 was found", finding.Explanation);
    }
}
