using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatBot.Feed;

/// <summary>The writing side of <see cref="FeedParser"/>: an event's detail in EventBridge's envelope, as the rules in
/// manifest/eventbridge.yaml put it on the queue. The sandbox's simulated feed writes with it, and so do the tests and
/// the bench (which compiles this file in), so all three send what the parser reads.</summary>
public static class FeedEnvelope
{
    /// <param name="time">EventBridge's <c>time</c>, already in its form (see <see cref="Time"/>).</param>
    /// <param name="id">The EventBridge ID, the same for every delivery of one event; a new one when null.</param>
    public static string Write(string detailType, string account, string region, string time, JsonObject detail, IEnumerable<string> resources, string? id = null) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = "aws.ec2",
        ["account"] = account,
        ["time"] = time,
        ["region"] = region,
        ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)r)]),
        ["detail"] = detail,
    }.ToJsonString();

    /// <summary>A time as EventBridge and CloudTrail write it: UTC, to the second.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string InstanceArn(string region, string account, string instanceId) => $"arn:aws:ec2:{region}:{account}:instance/{instanceId}";
}
