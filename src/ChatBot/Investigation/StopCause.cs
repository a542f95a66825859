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
