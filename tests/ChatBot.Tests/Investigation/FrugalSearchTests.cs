using ChatBot.Investigation;
using ChatBot.Wording;

namespace ChatBot.Tests.Investigation;

/// <summary>An incident storm costs EC2 a handful of calls, and EC2 trouble in one region does not become a search of
/// every region's CloudTrail.</summary>
public sealed class FrugalSearchTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddHours(-1);
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-south-1"];
    private readonly AwsStub aws = new();

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task Fifty_questions_about_five_instances_in_three_regions_make_at_most_three_describe_calls_per_region()
    {
        string[] ids = ["i-00000000000000001", "i-00000000000000002", "i-00000000000000003", "i-00000000000000004", "i-00000000000000005"];
        // EC2 as slow as the real one: questions a busy machine spreads out still gather behind the call that is out.
        aws.Ec2Latency = TimeSpan.FromMilliseconds(300);
        aws.Regions(Regions)
            .Instances("us-east-1", new Instance(ids[0]), new Instance(ids[1]))
            .Instances("eu-west-1", new Instance(ids[2]), new Instance(ids[3]))
            .Instances("ap-south-1", new Instance(ids[4]));
        var home = new[] { "us-east-1", "us-east-1", "eu-west-1", "eu-west-1", "ap-south-1" };
        for (var i = 0; i < ids.Length; i++)
        {
            aws.Events(home[i], ids[i], Records.SsoConsoleStop(ids[i], Recently, $"user{i}@example.com"));
        }

        using var engine = TestApp.Engine(aws);

        var findings = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => engine.AskAsync(ids[i % 5])));

        Assert.All(findings, f => Assert.Equal($"user{Array.IndexOf(ids, f.InstanceId)}@example.com", f.Stop?.Actor?.DisplayName));
        Assert.All(Regions, r => Assert.InRange(aws.Ec2Calls("DescribeInstances", r).Count, 1, 3));
        Assert.Single(aws.Ec2Calls("DescribeRegions"));
        Assert.Equal(5, aws.LookupCalls().Count);
    }

    [Fact]
    public async Task Request_limit_exceeded_then_success_gives_a_normal_answer()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, Recently))
            .Ec2Fails("DescribeInstances", "us-east-1", 503, "RequestLimitExceeded", times: 2);
        using var engine = TestApp.Engine(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Null(finding.Error);
        Assert.Equal("web-1", finding.InstanceName);
        Assert.Equal("alice@example.com", finding.Stop?.Actor?.DisplayName);
        var attempts = aws.Ec2Calls("DescribeInstances");
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Null(SigV4Check.Problem(a, TestCredentials.SecretAccessKey)));
    }

    [Fact]
    public async Task A_found_instance_is_asked_about_only_in_its_region_until_ec2_there_forgets_it()
    {
        aws.Instances("us-east-1").Instances("eu-west-1", new Instance(Id)).Instances("ap-south-1")
            .Events("us-east-1", Id).Events("ap-south-1", Id).Events("eu-west-1", Id, Records.SsoConsoleStop(Id, Recently));
        using var engine = TestApp.Engine(aws, new Dictionary<string, string?>
        {
            ["WHOSTOPPED_REGIONS"] = string.Join(',', Regions),
            ["WHOSTOPPED_STATE_SECONDS"] = "0",
        });

        Assert.Equal("eu-west-1", (await engine.AskAsync(Id)).Region);
        Assert.Equal("web-1", (await engine.AskAsync(Id)).InstanceName);
        Assert.Equal([1, 2, 1], Regions.Select(r => aws.Ec2Calls("DescribeInstances", r).Count));

        // Terminated an hour ago: EC2 in its region no longer knows it, so the full search runs, CloudTrail included.
        aws.Instances("eu-west-1");
        var gone = await engine.AskAsync(Id);

        Assert.Equal("eu-west-1", gone.Region);
        Assert.Null(gone.InstanceName);
        Assert.Equal("alice@example.com", gone.Stop?.Actor?.DisplayName);
        Assert.Equal([2, 3, 2], Regions.Select(r => aws.Ec2Calls("DescribeInstances", r).Count));
        Assert.All(Regions, r => Assert.NotEmpty(aws.LookupCalls(r)));
    }

    [Fact]
    public async Task A_region_whose_describe_instances_is_throttled_is_not_one_where_the_instance_is_missing()
    {
        aws.Instances("us-east-1").Instances("eu-west-1")
            .Ec2Error("DescribeInstances", "ap-south-1", 503, "RequestLimitExceeded", "Request limit exceeded.")
            .Events("us-east-1", Id).Events("eu-west-1", Id).Events("ap-south-1", Id, Records.SsoConsoleStop(Id, Recently));
        using var engine = TestApp.Engine(aws, new Dictionary<string, string?> { ["WHOSTOPPED_REGIONS"] = string.Join(',', Regions) });

        var finding = await engine.AskAsync(Id);

        // Not the gone-from-EC2 path: CloudTrail is asked only where EC2 could not say.
        Assert.Empty(aws.LookupCalls("us-east-1"));
        Assert.Empty(aws.LookupCalls("eu-west-1"));
        Assert.Single(aws.LookupCalls("ap-south-1"));
        Assert.Equal("ap-south-1", finding.Region);
        Assert.Equal("alice@example.com", finding.Stop?.Actor?.DisplayName);
    }

    [Fact]
    public async Task Not_found_while_a_region_is_throttled_names_that_region_instead_of_saying_the_instance_does_not_exist()
    {
        aws.Instances("us-east-1").Instances("eu-west-1")
            .Ec2Error("DescribeInstances", "ap-south-1", 503, "RequestLimitExceeded", "Request limit exceeded.")
            .Events("us-east-1", Id).Events("eu-west-1", Id).Events("ap-south-1", Id);
        using var engine = TestApp.Engine(aws, new Dictionary<string, string?> { ["WHOSTOPPED_REGIONS"] = string.Join(',', Regions) });

        var finding = await engine.AskAsync(Id);

        Assert.Equal(Why.NotFound, finding.Why);
        Assert.Equal(["ap-south-1"], finding.UnansweredRegions);
        var words = Explanation.Of(finding);
        Assert.Contains("EC2 in ap-south-1 could not answer", words);
        Assert.DoesNotContain("Check the ID", words);
    }
}
