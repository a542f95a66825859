using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Investigation;

namespace ChatBot.Cli;

/// <summary>The JSON form of findings: camelCase, times as ISO 8601 UTC with a Z.</summary>
public static class FindingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new UtcTime() },
    };

    public static string Serialize(IReadOnlyList<Finding> findings) => JsonSerializer.Serialize(findings, Options);

    private sealed class UtcTime : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
