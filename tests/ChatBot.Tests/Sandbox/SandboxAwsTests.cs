using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Sandbox;

namespace ChatBot.Tests.Sandbox;

public class SandboxAwsTests
{
    private const string Checkout = "i-0da88f3e7eb2ce37e";
    private static readonly DateTimeOffset Now = new(2031, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private readonly SampleAccount sample = SampleAccount.Load(Now);
    private readonly CancellationToken ct = CancellationToken.None;

    [Fact]
    public async Task LookupEvents_pages_through_all_events_for_the_instance_newest_first()
    {
        var trail = new SandboxCloudTrail(sample);
        var pages = new List<LookupPage>();
        string? token = null;
        do
        {
            var page = await trail.LookupEventsAsync(AwsAccount.Default, "us-east-1", Query(Checkout, token), ct);
            pages.Add(page);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal([2, 2], pages.Select(p => p.Events.Count));
        var times = pages.SelectMany(p => p.Events).Select(e => e.EventTime).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(["ModifyInstanceAttribute", "CreateTags", "StopInstances", "StartInstances"], pages.SelectMany(p => p.Events).Select(e => e.EventName));
    }

    [Fact]
    public async Task LookupEvents_keeps_to_the_query_time_window()
    {
        var page = await new SandboxCloudTrail(sample).LookupEventsAsync(
            AwsAccount.Default, "us-east-1", Query(Checkout, null) with { StartTime = Now.AddMinutes(-40) }, ct);

        Assert.Equal(2, page.Events.Count);
        Assert.Null(page.NextToken);
        Assert.All(page.Events, e => Assert.True(e.EventTime >= Now.AddMinutes(-40)));
    }

    [Fact]
    public async Task LookupEvents_finds_nothing_for_an_instance_in_another_region()
    {
        var page = await new SandboxCloudTrail(sample).LookupEventsAsync(
            AwsAccount.Default, "us-east-1", Query("i-055b86098cda5247b", null), ct);

        Assert.Empty(page.Events);
    }

    [Fact]
    public async Task LookupEvents_refuses_a_token_from_another_query_as_CloudTrail_does()
    {
        var trail = new SandboxCloudTrail(sample);
        var first = await trail.LookupEventsAsync(AwsAccount.Default, "us-east-1", Query(Checkout, null), ct);

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            trail.LookupEventsAsync(AwsAccount.Default, "us-east-1", Query("i-0377a6dc3c7760a91", first.NextToken), ct));
        Assert.Equal(("cloudtrail:LookupEvents", "InvalidNextTokenException"), (error.Action, error.ErrorCode));
        await Assert.ThrowsAsync<AwsCallException>(() =>
            trail.LookupEventsAsync(AwsAccount.Default, "us-east-1", Query(Checkout, "not base64!"), ct));
    }

    [Fact]
    public async Task DescribeInstances_returns_only_the_asked_instances_in_that_region()
    {
        var ec2 = new SandboxEc2(sample);

        var found = await ec2.DescribeInstancesAsync(AwsAccount.Default, "eu-west-1",
            ["i-055b86098cda5247b", Checkout, "i-0badc0ffee0000000"], ct);

        var instance = Assert.Single(found);
        Assert.Equal(("i-055b86098cda5247b", "eu-west-1", "reporting-db-replica-a"), (instance.InstanceId, instance.Region, instance.Tags["Name"]));
    }

    [Fact]
    public async Task ListRegions_returns_the_regions_the_sample_instances_live_in()
    {
        var regions = await new SandboxEc2(sample).ListRegionsAsync(AwsAccount.Default, ct);

        Assert.Equal(sample.Instances.Select(i => i.Instance.Region).Distinct().Order(), regions.Order());
    }

    private static LookupQuery Query(string instanceId, string? token) => new(instanceId, Now.AddDays(-90), Now, token);
}
