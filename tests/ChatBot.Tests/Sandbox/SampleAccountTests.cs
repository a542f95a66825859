using System.Globalization;
using System.Text.Json;
using ChatBot.Aws.Ec2;
using ChatBot.Sandbox;

namespace ChatBot.Tests.Sandbox;

public class SampleAccountTests
{
    private static readonly DateTimeOffset Now = new(2031, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private readonly SampleAccount sample = SampleAccount.Load(Now);

    [Fact]
    public void Every_event_lies_in_the_past_and_inside_the_90_day_lookup_window_whatever_the_date()
    {
        Assert.NotEmpty(sample.Events);
        Assert.All(sample.Events, e =>
        {
            Assert.True(e.Event.EventTime < Now, $"{e.Event.EventId} is in the future");
            Assert.True(e.Event.EventTime > Now.AddDays(-90), $"{e.Event.EventId} is older than 90 days");
        });
    }

    [Fact]
    public void Event_times_in_the_record_match_the_lookup_result()
    {
        var stop = Single("i-0da88f3e7eb2ce37e", "StopInstances", denied: false);
        Assert.Equal(Now.AddMinutes(-42), stop.Event.EventTime);
        Assert.Equal("2031-03-14T08:44:53Z", Record(stop).GetProperty("eventTime").GetString());
    }

    [Fact]
    public void The_state_transition_reason_names_the_same_moment_as_the_stop_event()
    {
        var instance = Instance("i-0da88f3e7eb2ce37e");
        var stop = Single("i-0da88f3e7eb2ce37e", "StopInstances", denied: false);
        Assert.Equal($"User initiated ({stop.Event.EventTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} GMT)",
            instance.StateTransitionReason);
    }

    [Fact]
    public void Covers_an_SSO_console_user_with_an_email_session_name()
    {
        var identity = Record(Single("i-0da88f3e7eb2ce37e", "StopInstances", denied: false)).GetProperty("userIdentity");
        Assert.Equal("AssumedRole", identity.GetProperty("type").GetString());
        Assert.Equal("AWSReservedSSO_AdministratorAccess_0123456789abcdef",
            identity.GetProperty("sessionContext").GetProperty("sessionIssuer").GetProperty("userName").GetString());
        Assert.EndsWith("/jane.doe@example.com", identity.GetProperty("arn").GetString());
    }

    [Fact]
    public void Covers_a_denied_stop_attempt_after_the_instance_was_started_again()
    {
        var denied = Single("i-0377a6dc3c7760a91", "StopInstances", denied: true);
        Assert.Equal("Client.UnauthorizedOperation", Record(denied).GetProperty("errorCode").GetString());
        Assert.True(denied.Event.EventTime > Single("i-0377a6dc3c7760a91", "StartInstances", denied: false).Event.EventTime);
    }

    [Fact]
    public void Covers_an_IAM_user_on_the_CLI_stopping_two_instances_in_one_call()
    {
        var stop = Single("i-055b86098cda5247b", "StopInstances", denied: false);
        var record = Record(stop);
        Assert.Equal("IAMUser", record.GetProperty("userIdentity").GetProperty("type").GetString());
        Assert.StartsWith("aws-cli/", record.GetProperty("userAgent").GetString());
        Assert.Equal(["i-055b86098cda5247b", "i-051d785c3e5b584a7"], stop.InstanceIds);
    }

    [Fact]
    public void Covers_Auto_Scaling_terminating_through_its_service_linked_role()
    {
        var identity = Record(Single("i-033000de3769cc1cb", "TerminateInstances", denied: false)).GetProperty("userIdentity");
        Assert.Equal("autoscaling.amazonaws.com", identity.GetProperty("invokedBy").GetString());
        Assert.Contains("AWSServiceRoleForAutoScaling", identity.GetProperty("arn").GetString());
    }

    [Fact]
    public void Covers_a_Spot_interruption_with_its_state_reason_and_service_event()
    {
        var spot = Instance("i-0dd6f50f33595377d");
        Assert.Equal(("spot", "Server.SpotInstanceTermination"), (spot.Lifecycle, spot.StateReasonCode));
        Assert.Equal("AwsServiceEvent", Record(Single(spot.InstanceId, "BidEvictedEvent", denied: false)).GetProperty("eventType").GetString());
    }

    [Fact]
    public void Covers_an_OS_shutdown_that_left_no_CloudTrail_event()
    {
        Assert.Equal("Client.InstanceInitiatedShutdown", Instance("i-0a778df7af7bbf5e2").StateReasonCode);
        Assert.DoesNotContain(sample.Events, e => e.InstanceIds.Contains("i-0a778df7af7bbf5e2"));
    }

    [Fact]
    public void Covers_an_instance_running_again_after_a_stop_and_a_start_by_different_people()
    {
        var stop = Single("i-0377a6dc3c7760a91", "StopInstances", denied: false);
        var start = Single("i-0377a6dc3c7760a91", "StartInstances", denied: false);
        Assert.Equal("running", Instance("i-0377a6dc3c7760a91").State);
        Assert.True(start.Event.EventTime > stop.Event.EventTime);
        Assert.NotEqual(Arn(stop), Arn(start));
    }

    [Fact]
    public void Covers_the_Instance_Scheduler_tag_with_a_rendered_time()
    {
        var tag = Instance("i-0d9c91acfbeb37a93").Tags["InstanceScheduler-LastAction"];
        Assert.Equal($"Stopped By office-hours {Now.AddMinutes(-130):yyyy-MM-dd HH:mm} UTC", tag);
    }

    [Fact]
    public void Lists_an_unknown_ID_that_no_instance_or_event_has()
    {
        var unknown = Assert.Single(sample.UnknownInstanceIds);
        Assert.DoesNotContain(sample.Instances, i => i.Instance.InstanceId == unknown);
        Assert.DoesNotContain(sample.Events, e => e.InstanceIds.Contains(unknown));
    }

    [Fact]
    public void Every_instance_has_a_name_and_a_story_to_show_on_the_page()
    {
        Assert.All(sample.Instances, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Story), i.Instance.InstanceId);
            Assert.True(i.Instance.Tags.ContainsKey("Name"), i.Instance.InstanceId);
        });
    }

    private Ec2Instance Instance(string id) => sample.Instances.Single(i => i.Instance.InstanceId == id).Instance;

    private SampleEvent Single(string instanceId, string eventName, bool denied) => sample.Events.Single(e =>
        e.InstanceIds.Contains(instanceId) && e.Event.EventName == eventName && Record(e).TryGetProperty("errorCode", out _) == denied);

    private static JsonElement Record(SampleEvent e) => JsonDocument.Parse(e.Event.Record).RootElement;

    private static string? Arn(SampleEvent e) => Record(e).GetProperty("userIdentity").GetProperty("arn").GetString();
}
