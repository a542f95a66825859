using System.Text.Json.Nodes;

namespace ChatBot.Tests.Support;

/// <summary>EventBridge events as the rules in manifest/eventbridge.yaml put them on the queue, shaped like the
/// examples in the EventBridge and EC2 user guides.</summary>
public static class FeedEvents
{
    /// <summary>"AWS API Call via CloudTrail": the CloudTrail record whole, under <c>detail</c>.</summary>
    public static string ApiCall(JsonObject record, string region, string? id = null)
    {
        record["awsRegion"] = region;
        return Envelope("AWS API Call via CloudTrail", region, record["eventTime"]!.GetValue<string>(), record, [], id);
    }

    public static string StateChange(string instanceId, string state, DateTimeOffset at, string region, string? id = null) =>
        Envelope("EC2 Instance State-change Notification", region, Time(at),
            new JsonObject { ["instance-id"] = instanceId, ["state"] = state }, [Arn(region, instanceId)], id);

    public static string SpotWarning(string instanceId, string action, DateTimeOffset at, string region, string? id = null) =>
        Envelope("EC2 Spot Instance Interruption Warning", region, Time(at),
            new JsonObject { ["instance-id"] = instanceId, ["instance-action"] = action }, [Arn(region, instanceId)], id);

    /// <summary>The EventBridge ID an event was given (the same for every delivery of it).</summary>
    public static string IdOf(string envelope) => JsonNode.Parse(envelope)!["id"]!.GetValue<string>();

    private static string Envelope(string detailType, string region, string time, JsonObject detail, string[] resources, string? id) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = "aws.ec2",
        ["account"] = Records.Account,
        ["time"] = time,
        ["region"] = region,
        ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)r)]),
        ["detail"] = detail,
    }.ToJsonString();

    private static string Arn(string region, string instanceId) => $"arn:aws:ec2:{region}:{Records.Account}:instance/{instanceId}";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
