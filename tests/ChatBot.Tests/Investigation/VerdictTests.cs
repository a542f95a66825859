using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.Ec2;
using ChatBot.Investigation;

namespace ChatBot.Tests.Investigation;

public sealed class VerdictTests
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 3, 12, TimeSpan.Zero);

    private static Ec2Instance Stopped(string reason = "Client.UserInitiatedShutdown") => new(Id, "us-east-1", "stopped")
    {
        StateReasonCode = reason,
        StateTransitionReason = "User initiated (2026-11-20 10:03:12 GMT)",
        Tags = new Dictionary<string, string> { ["Name"] = "web-1", ["InstanceScheduler-LastAction"] = "Stopped By office-hours 2026-11-20 10:03 UTC" },
    };

    private static TrailEntry Entry(JsonObject record) => new(
        new TrailEvent(record["eventID"]!.GetValue<string>(), record["eventName"]!.GetValue<string>(),
            DateTimeOffset.Parse(record["eventTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Records.Text(record)),
        TrailRecord.Parse(Records.Text(record))!);

    private static EventTrail StopTrail(JsonObject stop, params JsonObject[] newer)
    {
        var history = newer.Select(Entry).Append(Entry(stop)).ToList();
        return new EventTrail(history[^1], history, []);
    }

    [Fact]
    public void Api_stop_names_the_person_how_and_when_with_links()
    {
        var stop = Records.SsoConsoleStop(Id, At);

        var finding = Verdict.For(Id, "us-east-1", Stopped(), StopTrail(stop));

        Assert.Equal(StopCause.Api, finding.Cause);
        Assert.Equal("alice@example.com", finding.Stop?.Actor!.DisplayName);
        Assert.Equal("Console", finding.Stop?.Via);
        Assert.Equal(At, finding.Stop?.EventTime);
        Assert.Equal("203.0.113.10", finding.Stop?.SourceIp);
        Assert.Equal("web-1", finding.InstanceName);
        Assert.StartsWith("Stopped by alice@example.com at 2026-11-20 10:03:12 UTC", finding.Explanation);
        Assert.Equal($"https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/{stop["eventID"]}", finding.Links.Event);
        Assert.Equal("Stopped By office-hours 2026-11-20 10:03 UTC", finding.SchedulerLastAction);
        Assert.Null(finding.Error);
    }

    [Fact]
    public void The_engine_hands_back_facts_without_markup_and_the_renderers_add_it()
    {
        var denied = Problem.From(new AwsCallException("cloudtrail:LookupEvents", "AccessDeniedException", "User is not authorized", "req-1"), TimeSpan.FromSeconds(25));
        var findings = new[]
        {
            Verdict.For(Id, "us-east-1", Stopped("Client.InstanceInitiatedShutdown"), EventTrail.Empty),
            Verdict.For(Id, "us-east-1", Stopped(), EventTrail.Empty, new Verdict.Problems(null, denied)),
            Verdict.For("i-0bad", "us-east-1", null, EventTrail.Empty, new Verdict.Problems(new Problem(ProblemKind.NotAnInstanceId) { Subject = "i-0bad" }, null)),
        };

        Assert.All(findings, f => Assert.DoesNotContain('`', JsonSerializer.Serialize(f)));
        Assert.All(findings, f => Assert.DoesNotContain('*', JsonSerializer.Serialize(f)));
        Assert.Contains("`cloudtrail:LookupEvents`", findings[1].Error);
        Assert.Contains("`i-0bad`", findings[2].Error);
    }

    [Fact]
    public void Shutdown_from_inside_the_os_has_no_api_caller()
    {
        var finding = Verdict.For(Id, "us-east-1", Stopped("Client.InstanceInitiatedShutdown"), EventTrail.Empty);

        Assert.Equal(StopCause.OsShutdown, finding.Cause);
        Assert.Null(finding.Stop?.Actor);
        Assert.Contains("operating system", finding.Explanation);
    }

    [Theory]
    [InlineData("Server.SpotInstanceShutdown", StopCause.Spot)]
    [InlineData("Server.SpotInstanceTermination", StopCause.Spot)]
    [InlineData("Server.ScheduledStop", StopCause.Scheduled)]
    public void Aws_initiated_stops_are_explained_from_the_state_reason(string reason, StopCause expected) =>
        Assert.Equal(expected, Verdict.For(Id, "us-east-1", Stopped(reason), EventTrail.Empty).Cause);

    [Fact]
    public void User_initiated_stop_without_an_event_yet_says_cloudtrail_may_be_late_and_gives_ec2s_stop_time()
    {
        var finding = Verdict.For(Id, "us-east-1", Stopped(), EventTrail.Empty);

        Assert.Equal(StopCause.Unknown, finding.Cause);
        Assert.Equal(At, finding.StoppedAt);
        Assert.Contains("2026-11-20 10:03:12 UTC", finding.Explanation);
        Assert.Contains("late", finding.Explanation);
    }

    [Fact]
    public void Running_again_says_who_stopped_it_last_and_who_started_it()
    {
        var stop = Records.IamUserCliStop(Id, At, "bob");
        var start = Records.AssumedRoleStart(Id, At.AddMinutes(30), "deploy", "ci-run-42");

        var finding = Verdict.For(Id, "us-east-1", new Ec2Instance(Id, "us-east-1", "running"), StopTrail(stop, start));

        Assert.True(finding.RunningAgain);
        Assert.Equal("bob", finding.Stop?.Actor!.DisplayName);
        Assert.Equal("ci-run-42", finding.LastStart!.Actor.DisplayName);
        Assert.Equal("Terraform", finding.LastStart.Via);
        Assert.Contains("Running again", finding.Explanation);
        Assert.Equal(2, finding.History.Count);
    }

    [Fact]
    public void One_call_that_stopped_several_instances_lists_the_others()
    {
        var stop = Records.IamUserCliStop(Id, At, "bob", "i-0fedcba9876543210", "i-0aaaaaaaaaaaaaaaa");

        var finding = Verdict.For(Id, "us-east-1", Stopped(), StopTrail(stop));

        Assert.Equal(["i-0fedcba9876543210", "i-0aaaaaaaaaaaaaaaa"], finding.AlsoStopped);
    }

    [Fact]
    public void Hibernation_counts_as_a_stop()
    {
        var stop = Records.SsoConsoleStop(Id, At);
        stop["requestParameters"]!["hibernate"] = true;

        Assert.StartsWith("Hibernated by alice@example.com", Verdict.For(Id, "us-east-1", Stopped(), StopTrail(stop)).Explanation);
    }

    [Fact]
    public void A_forced_stop_is_said_to_be_forced()
    {
        var stop = Records.SsoConsoleStop(Id, At);
        stop["requestParameters"]!["force"] = true;

        var finding = Verdict.For(Id, "us-east-1", Stopped(), StopTrail(stop));
        Assert.True(finding.Stop!.Forced);
        Assert.StartsWith("Stopped with force by alice@example.com", finding.Explanation);
        Assert.False(Verdict.For(Id, "us-east-1", Stopped(), StopTrail(Records.SsoConsoleStop(Id, At))).Stop!.Forced);
    }

    [Fact]
    public void Terminated_instance_gone_from_ec2_is_still_explained_from_cloudtrail()
    {
        var finding = Verdict.For(Id, "us-east-1", null, StopTrail(Records.AutoScalingTerminate(Id, At)));

        Assert.False(finding.Found);
        Assert.Equal(StopCause.Api, finding.Cause);
        Assert.Equal("Auto Scaling", finding.Stop?.Actor!.DisplayName);
        Assert.StartsWith("Terminated by Auto Scaling", finding.Explanation);
    }

    [Fact]
    public void Unknown_everywhere_asks_to_check_the_id_account_and_region()
    {
        var finding = Verdict.For(Id, null, null, EventTrail.Empty);

        Assert.Equal(StopCause.Unknown, finding.Cause);
        Assert.Contains("No instance i-0123456789abcdef0 was found", finding.Explanation);
        Assert.Null(finding.Links.Instance);
    }

    [Fact]
    public void CloudTrail_failure_keeps_what_ec2_knows_and_says_the_stopper_is_unknown()
    {
        var finding = Verdict.For(Id, "us-east-1", Stopped(), EventTrail.Empty, new Verdict.Problems(null, new Problem(ProblemKind.TimedOut) { Within = TimeSpan.FromSeconds(25) }));

        Assert.Equal("web-1", finding.InstanceName);
        Assert.Equal("AWS did not answer within 25 s.", finding.Error);
        Assert.StartsWith("Who stopped it is still unknown", finding.Explanation);
    }

    [Theory]
    [InlineData("us-east-1", "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-0123456789abcdef0")]
    [InlineData("cn-north-1", "https://cn-north-1.console.amazonaws.cn/ec2/home?region=cn-north-1#InstanceDetails:instanceId=i-0123456789abcdef0")]
    [InlineData("us-gov-west-1", "https://console.amazonaws-us-gov.com/ec2/home?region=us-gov-west-1#InstanceDetails:instanceId=i-0123456789abcdef0")]
    public void Console_links_follow_the_partition(string region, string instanceLink)
    {
        var links = ConsoleLinks.For(region, Id, "ev-1");

        Assert.Equal(instanceLink, links.Instance);
        Assert.StartsWith(instanceLink[..instanceLink.IndexOf("/ec2/", StringComparison.Ordinal)], links.Event);
        Assert.EndsWith("#/events/ev-1", links.Event);
    }

    [Fact]
    public void An_older_stop_followed_by_a_start_is_not_taken_for_the_stop_cloudtrail_has_not_delivered_yet()
    {
        var oldStop = Records.IamUserCliStop(Id, At.AddDays(-3), "bob");
        var start = Records.AssumedRoleStart(Id, At.AddDays(-1));

        var finding = Verdict.For(Id, "us-east-1", Stopped(), StopTrail(oldStop, start));

        Assert.Equal(StopCause.Unknown, finding.Cause);
        Assert.Null(finding.Stop?.Actor);
        Assert.Null(finding.Stop?.EventId);
        Assert.False(finding.RunningAgain);
        Assert.Contains("late", finding.Explanation);
        Assert.Equal(2, finding.History.Count);
    }

    [Fact]
    public void A_stop_long_before_ec2s_stop_time_is_history_not_the_answer()
    {
        var finding = Verdict.For(Id, "us-east-1", Stopped(), StopTrail(Records.IamUserCliStop(Id, At.AddHours(-2), "bob")));

        Assert.Null(finding.Stop?.Actor);
        Assert.Contains("late", finding.Explanation);
    }

    [Fact]
    public void An_os_shutdown_does_not_borrow_the_caller_or_link_of_an_older_api_stop()
    {
        var finding = Verdict.For(Id, "us-east-1", Stopped("Client.InstanceInitiatedShutdown"), StopTrail(Records.IamUserCliStop(Id, At.AddDays(-3), "bob")));

        Assert.Equal(StopCause.OsShutdown, finding.Cause);
        Assert.Null(finding.Stop?.Actor);
        Assert.Null(finding.Stop?.EventTime);
        Assert.Null(finding.Links.Event);
        Assert.Equal("bob", Assert.Single(finding.History).Actor.DisplayName);
    }

    [Fact]
    public void An_instance_gone_from_ec2_with_only_other_calls_says_so_and_keeps_them()
    {
        var start = Entry(Records.AssumedRoleStart(Id, At));
        var finding = Verdict.For(Id, "us-east-1", null, new EventTrail(null, [start], []));

        Assert.StartsWith("No instance i-0123456789abcdef0 exists in EC2 now", finding.Explanation);
        Assert.Equal("StartInstances", Assert.Single(finding.History).EventName);
        Assert.NotEmpty(ChatBot.Slack.Answers.SlackAnswer.Render(finding).Thread);
    }
}
