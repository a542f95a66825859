using ChatBot.Aws;
using ChatBot.Investigation;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Investigation;

/// <summary>The engine end to end: real AWSSDK.EC2, the signed CloudTrail client and retries, against AWS at the HTTP level.</summary>
public sealed class InvestigatorTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddHours(-2);
    private readonly AwsStub aws = new();

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task Known_region_costs_one_describe_and_one_lookup_when_the_stop_is_on_the_first_page()
    {
        aws.Instances("eu-west-1", new Instance(Id)).Events("eu-west-1", Id, Records.SsoConsoleStop(Id, Recently));
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "eu-west-1");

        Assert.Equal("alice@example.com", finding.Stop?.Actor!.DisplayName);
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Single(aws.LookupCalls());
        Assert.Single(aws.Ec2Calls("DescribeInstances"));
        Assert.Empty(aws.Ec2Calls("DescribeRegions"));
    }

    [Fact]
    public async Task Follows_next_token_until_the_latest_successful_stop()
    {
        aws.Instances("us-east-1", new Instance(Id))
            .EventPages("us-east-1", Id,
                [Records.DeniedStop(Id, Recently), Records.DryRunStop(Id, Recently.AddMinutes(-1))],
                [Records.AssumedRoleStart(Id, Recently.AddMinutes(-5)) is var reboot ? Reboot(reboot) : null!],
                [Records.IamUserCliStop(Id, Recently.AddDays(-3), "bob")]);
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Equal("bob", finding.Stop?.Actor!.DisplayName);
        Assert.Equal(3, aws.LookupCalls().Count);
        Assert.Equal("mallory", Assert.Single(finding.DeniedAttempts).Actor.DisplayName);
        Assert.Equal(["RebootInstances", "StopInstances"], finding.History.Select(h => h.EventName));
    }

    [Fact]
    public async Task A_stop_of_an_already_stopped_instance_is_not_the_stop()
    {
        var repeat = Records.AssumedRoleStart(Id, Recently, "terraform-ci", "run-77");
        repeat["eventName"] = "StopInstances";
        repeat["responseElements"]!["instancesSet"]!["items"]![0]!["previousState"]!["name"] = "stopped";
        aws.Instances("us-east-1", new Instance(Id)).EventPages("us-east-1", Id, [repeat], [Records.IamUserCliStop(Id, Recently.AddDays(-1), "bob")]);
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Equal("bob", finding.Stop?.Actor!.DisplayName);
    }

    [Fact]
    public async Task Stops_paging_at_the_page_bound_and_says_how_to_look_further()
    {
        aws.Instances("us-east-1", new Instance(Id))
            .EventPages("us-east-1", Id, [Records.DeniedStop(Id, Recently)], [Records.DeniedStop(Id, Recently.AddDays(-1))], [Records.IamUserCliStop(Id, Recently.AddDays(-3))]);
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_MAX_PAGES"] = "2" });

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Null(finding.Stop?.Actor);
        Assert.Equal(2, aws.LookupCalls().Count);
        Assert.Contains("WHOSTOPPED_MAX_PAGES", finding.Explanation);
        Assert.Equal(2, finding.DeniedAttempts.Count);
    }

    [Fact]
    public async Task Throttling_is_retried_and_never_reaches_the_user()
    {
        aws.Instances("us-east-1", new Instance(Id))
            .Events("us-east-1", Id, Records.SsoConsoleStop(Id, Recently))
            .CloudTrailFails("us-east-1", Id, 400, "ThrottlingException", "Rate exceeded", times: 2);
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Null(finding.Error);
        Assert.Equal("alice@example.com", finding.Stop?.Actor!.DisplayName);
        Assert.Equal(3, aws.LookupCalls().Count);
        // Every retry spends the shared budget: three attempts never fit in one second.
        var times = aws.LookupCalls().Select(c => c.RequestMessage.DateTime).Order().ToList();
        Assert.True(times[2] - times[0] >= TimeSpan.FromSeconds(1), $"{times[2] - times[0]}");
    }

    [Fact]
    public async Task Access_denied_names_the_missing_iam_action()
    {
        aws.Instances("us-east-1", new Instance(Id))
            .CloudTrailFails("us-east-1", Id, 400, "AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/whostopped/x is not authorized to perform: cloudtrail:LookupEvents");
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Contains("`cloudtrail:LookupEvents`", finding.Error);
        Assert.Contains("ct-req-1", finding.Error);
        Assert.Equal("web-1", finding.InstanceName);
    }

    [Fact]
    public async Task Ec2_access_denied_names_describe_instances()
    {
        aws.Ec2Error("DescribeInstances", "us-east-1", 403, "UnauthorizedOperation", "You are not authorized to perform this operation.")
            .Events("us-east-1", Id);
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Contains("`ec2:DescribeInstances`", finding.Error);
    }

    [Fact]
    public async Task Searches_every_region_at_once_and_asks_cloudtrail_only_where_the_instance_lives()
    {
        aws.Instances("us-east-1").Instances("ap-south-1").Instances("eu-west-1", new Instance(Id) { Zone = "eu-west-1b" })
            .Events("eu-west-1", Id, Records.SsoConsoleStop(Id, Recently));
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_REGIONS"] = "us-east-1,eu-west-1,ap-south-1" });

        var finding = await engine.AskAsync(Id);

        Assert.Equal("eu-west-1", finding.Region);
        Assert.Equal("alice@example.com", finding.Stop?.Actor!.DisplayName);
        Assert.Equal(3, aws.Ec2Calls("DescribeInstances").Count);
        Assert.Equal(aws.LookupCalls(), aws.LookupCalls("eu-west-1"));
    }

    [Fact]
    public async Task Enabled_regions_come_from_describe_regions_when_none_are_configured()
    {
        aws.Regions("us-east-1", "us-west-2").Instances("us-east-1").Instances("us-west-2", new Instance(Id))
            .Events("us-west-2", Id, Records.IamUserCliStop(Id, Recently));
        using var engine = new EngineHost(aws);

        Assert.Equal("us-west-2", (await engine.AskAsync(Id)).Region);
        Assert.Single(aws.Ec2Calls("DescribeRegions"));
    }

    [Fact]
    public async Task Instance_gone_from_ec2_is_still_found_in_cloudtrail()
    {
        aws.Instances("us-east-1").Instances("eu-west-1").Events("us-east-1", Id).Events("eu-west-1", Id, Records.AutoScalingTerminate(Id, Recently));
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_REGIONS"] = "us-east-1,eu-west-1" });

        var finding = await engine.AskAsync(Id);

        Assert.False(finding.Found);
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Equal("Auto Scaling", finding.Stop?.Actor!.DisplayName);
    }

    [Fact]
    public async Task Unknown_id_says_so_plainly()
    {
        aws.Instances("us-east-1").Events("us-east-1", Id);
        using var engine = new EngineHost(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.False(finding.Found);
        Assert.Null(finding.Error);
        Assert.Contains("No instance i-0123456789abcdef0 was found", finding.Explanation);
    }

    [Fact]
    public async Task One_stop_call_for_several_instances_answers_each_and_lists_the_others()
    {
        const string other = "i-0fedcba9876543210";
        var stop = Records.IamUserCliStop(Id, Recently, "bob", other);
        aws.Instances("us-east-1", new Instance(Id), new Instance(other)).Events("us-east-1", Id, stop).Events("us-east-1", other, stop);
        using var engine = new EngineHost(aws);

        var findings = await engine.Investigator.InvestigateAsync(new Question(AwsAccount.Default, [Id, other], "us-east-1"), CancellationToken.None);

        Assert.Equal([Id, other], findings.Select(f => f.InstanceId));
        Assert.Equal([other], findings[0].AlsoStopped);
        Assert.Equal([Id], findings[1].AlsoStopped);
        Assert.Single(aws.Ec2Calls("DescribeInstances"));
    }

    private static System.Text.Json.Nodes.JsonObject Reboot(System.Text.Json.Nodes.JsonObject record)
    {
        record["eventName"] = "RebootInstances";
        return record;
    }
}
