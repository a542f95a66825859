using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Slack;

/// <summary>Slack speaks snake_case JSON and treats absent and null fields alike, so nulls are left out.</summary>
public static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
