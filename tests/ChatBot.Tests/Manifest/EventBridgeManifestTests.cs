using ChatBot.Feed;

namespace ChatBot.Tests.Manifest;

/// <summary>The EventBridge stacks deliver exactly the events the feed understands, in the hub and from members alike.</summary>
public sealed class EventBridgeManifestTests
{
    public static TheoryData<string> Stacks => new() { "eventbridge.yaml", "eventbridge-forwarder.yaml" };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_rules_match_the_event_types_calls_and_states_the_feed_reads(string stack)
    {
        var text = File.ReadAllText(Repository.PathTo("manifest", stack));

        Assert.All([FeedEvent.ApiCallType, FeedEvent.StateChangeType, FeedEvent.SpotWarningType],
            type => Assert.Contains($"detail-type: [{type}]", text, StringComparison.Ordinal));
        Assert.Contains("eventName: [StopInstances, TerminateInstances, StartInstances, RebootInstances]", text, StringComparison.Ordinal);
        Assert.Contains("state: [stopping, stopped, shutting-down, terminated]", text, StringComparison.Ordinal);
        Assert.All(["StopInstances", "TerminateInstances", "StartInstances", "RebootInstances"],
            call => Assert.Contains(call, FeedParser.Calls));
        Assert.All(["stopping", "stopped", "shutting-down", "terminated"], state => Assert.Contains(state, FeedParser.States));
    }

    [Fact]
    public void The_queue_has_a_dead_letter_queue_after_five_receives_and_takes_messages_from_its_own_rules_only()
    {
        var text = File.ReadAllText(Repository.PathTo("manifest", "eventbridge.yaml"));

        Assert.Contains("maxReceiveCount: 5", text, StringComparison.Ordinal);
        Assert.Contains("Principal: { Service: events.amazonaws.com }", text, StringComparison.Ordinal);
        Assert.All(["ApiCallRule", "StateChangeRule", "SpotWarningRule"],
            rule => Assert.Contains($"- !GetAtt {rule}.Arn", text, StringComparison.Ordinal));
    }
}
