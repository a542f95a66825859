using ChatBot.Feed;

namespace ChatBot.Tests.Feed;

public sealed class FeedParserTests
{
    private const string Id = "i-0aaaabbbbcccc0001";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 20, 0, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("StopInstances", true)]
    [InlineData("TerminateInstances", true)]
    [InlineData("StartInstances", false)]
    [InlineData("RebootInstances", false)]
    public void CloudTrail_calls_keep_the_record_and_its_eventID(string eventName, bool isStop)
    {
        var record = Records.Ec2Call(eventName, Id, At, Records.Identity("IAMUser", "arn:aws:iam::111122223333:user/bob", "bob", mfa: false),
            "aws-cli/2.15.30", "198.51.100.7", "i-0aaaabbbbcccc0002");
        var parsed = FeedParser.Parse(FeedEvents.ApiCall(record, "eu-west-2", id: "eb-1")).Value!;

        Assert.Equal(FeedKind.ApiCall, parsed.Kind);
        Assert.Equal("eb-1", parsed.Id);
        Assert.Equal(record["eventID"]!.GetValue<string>(), parsed.TrailEventId);
        Assert.Equal(eventName, parsed.EventName);
        Assert.Equal([Id, "i-0aaaabbbbcccc0002"], parsed.InstanceIds);
        Assert.Equal(("111122223333", "eu-west-2"), (parsed.AccountId, parsed.Region));
        Assert.Equal(At, parsed.Time);
        Assert.Equal(isStop, parsed.IsStop);
        Assert.True(parsed.Succeeded);
        Assert.Contains("\"userIdentity\"", parsed.Record);
    }

    [Fact]
    public void A_denied_stop_is_kept_as_denied_and_is_not_a_stop()
    {
        var parsed = FeedParser.Parse(FeedEvents.ApiCall(Records.DeniedStop(Id, At), "eu-west-1")).Value!;

        Assert.False(parsed.Succeeded);
        Assert.NotNull(parsed.ErrorCode);
        Assert.False(parsed.IsStop);
    }

    [Fact]
    public void Dry_runs_and_other_calls_are_ignored_not_malformed()
    {
        var dryRun = FeedParser.Parse(FeedEvents.ApiCall(Records.DryRunStop(Id, At), "eu-west-1"));
        var describe = Records.SsoConsoleStop(Id, At);
        describe["eventName"] = "DescribeInstances";
        var other = FeedParser.Parse(FeedEvents.ApiCall(describe, "eu-west-1"));

        Assert.All([dryRun, other], p => Assert.False(p.IsMalformed));
        Assert.All([dryRun, other], p => Assert.Null(p.Value));
    }

    [Theory]
    [InlineData("stopping", true)]
    [InlineData("stopped", true)]
    [InlineData("shutting-down", true)]
    [InlineData("terminated", true)]
    [InlineData("running", false)]
    [InlineData("pending", false)]
    public void State_changes_that_take_an_instance_down_are_stops(string state, bool kept)
    {
        var parsed = FeedParser.Parse(FeedEvents.StateChange(Id, state, At, "eu-west-1"));

        Assert.False(parsed.IsMalformed);
        Assert.Equal(kept, parsed.Value is { Kind: FeedKind.StateChange, IsStop: true } e && e.State == state && e.Time == At);
    }

    [Fact]
    public void A_Spot_warning_names_the_action_EC2_will_take()
    {
        var parsed = FeedParser.Parse(FeedEvents.SpotWarning(Id, "hibernate", At, "eu-west-1")).Value!;

        Assert.Equal((FeedKind.SpotWarning, "hibernate", Id), (parsed.Kind, parsed.State, parsed.InstanceIds[0]));
        Assert.True(parsed.IsStop);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"id\":\"1\"}")]
    [InlineData("{\"id\":\"1\",\"detail-type\":\"EC2 Instance State-change Notification\",\"account\":\"1\",\"region\":\"r\",\"detail\":{\"state\":\"stopped\"}}")]
    [InlineData("{\"id\":\"1\",\"detail-type\":\"EC2 Instance State-change Notification\",\"account\":\"1\",\"region\":\"r\",\"detail\":{\"instance-id\":\"i-0aaaabbbbcccc0001\",\"state\":\"stopped\"}}")]
    [InlineData("{\"id\":\"1\",\"detail-type\":\"AWS API Call via CloudTrail\",\"account\":\"1\",\"region\":\"r\",\"detail\":{\"eventName\":\"StopInstances\"}}")]
    public void Bodies_that_are_not_such_events_are_malformed(string body)
    {
        var parsed = FeedParser.Parse(body);

        Assert.True(parsed.IsMalformed);
        Assert.NotNull(parsed.Problem);
    }
}
