using System.Text.Json.Nodes;
using ChatBot.Feed;

namespace ChatBot.Tests.Support;

/// <summary>EventBridge events as the rules in manifest/eventbridge.yaml put them on the queue, shaped like the
/// examples in the EventBridge and EC2 user guides.</summary>
public static class FeedEvents
{
    /// <summary>"AWS API Call via CloudTrail": the CloudTrail record whole, under <c>detail</c>.</summary>
    public static string ApiCall(JsonObject record, string region, string? id = null)
    {
        record["awsRegion"] = region;
        return FeedEnvelope.Write(FeedEvent.ApiCallType, Records.Account, region, record["eventTime"]!.GetValue<string>(), record, [], id);
    }

    public static string StateChange(string instanceId, string state, DateTimeOffset at, string region, string? id = null) =>
        FeedEnvelope.Write(FeedEvent.StateChangeType, Records.Account, region, FeedEnvelope.Time(at),
            new JsonObject { ["instance-id"] = instanceId, ["state"] = state }, [Arn(region, instanceId)], id);

    public static string SpotWarning(string instanceId, string action, DateTimeOffset at, string region, string? id = null) =>
        FeedEnvelope.Write(FeedEvent.SpotWarningType, Records.Account, region, FeedEnvelope.Time(at),
            new JsonObject { ["instance-id"] = instanceId, ["instance-action"] = action }, [Arn(region, instanceId)], id);

    /// <summary>The EventBridge ID an event was given (the same for every delivery of it).</summary>
    public static string IdOf(string envelope) => JsonNode.Parse(envelope)!["id"]!.GetValue<string>();

    private static string Arn(string region, string instanceId) => FeedEnvelope.InstanceArn(region, Records.Account, instanceId);
}
