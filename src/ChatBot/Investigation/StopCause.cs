using System.Text.Json.Serialization;

namespace ChatBot.Investigation;

/// <summary>Why the instance stopped, in the words the JSON output and the Slack answer use.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StopCause>))]
public enum StopCause
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("api")] Api,
    [JsonStringEnumMemberName("os-shutdown")] OsShutdown,
    [JsonStringEnumMemberName("spot")] Spot,
    [JsonStringEnumMemberName("scheduled")] Scheduled,
}

/// <summary>Where the stop was found: CloudTrail's 90-day event history, the EventBridge feed, or the trail's archive in S3.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StopSource>))]
public enum StopSource
{
    [JsonStringEnumMemberName("event-history")] EventHistory,
    [JsonStringEnumMemberName("feed")] Feed,
    [JsonStringEnumMemberName("archive")] Archive,
}
