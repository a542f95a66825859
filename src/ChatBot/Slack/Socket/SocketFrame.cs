using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatBot.Slack.Socket;

/// <summary>One message Slack sent over the socket: <c>hello</c>, <c>disconnect</c>, or an envelope around a slash
/// command, an Events API event or an interaction, to be acknowledged by its <see cref="EnvelopeId"/>.</summary>
/// <param name="Payload">What HTTP would have carried as the request body, as JSON; undefined when absent.</param>
/// <param name="Reason">For <c>disconnect</c>: <c>warning</c>, <c>refresh_requested</c> or <c>link_disabled</c>.</param>
internal sealed partial record SocketFrame(string? Type, string? EnvelopeId, JsonElement Payload, int RetryAttempt, string? Reason)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string SlashCommands = "slash_commands";
    public const string EventsApi = "events_api";
    public const string Interactive = "interactive";

    /// <summary>Null when the frame is not a JSON object. Missing or oddly typed fields read as absent.</summary>
    public static SocketFrame? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new SocketFrame(
                Text(root, "type"),
                Text(root, "envelope_id"),
                root.TryGetProperty("payload", out var payload) ? payload.Clone() : default,
                root.TryGetProperty("retry_attempt", out var retry) && retry.TryGetInt32(out var attempt) ? attempt : 0,
                Text(root, "reason"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The envelope ID of a frame that is not valid JSON, so even a garbled envelope is acknowledged and Slack
    /// does not keep sending it. Slack's IDs are UUID-like, so only such a value is taken.</summary>
    public static string? SalvageEnvelopeId(ReadOnlySpan<byte> utf8)
    {
        var match = EnvelopeIdInText().Match(System.Text.Encoding.UTF8.GetString(utf8));
        return match.Success ? match.Groups["id"].Value : null;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("\"envelope_id\"\\s*:\\s*\"(?<id>[A-Za-z0-9_-]{1,100})\"", RegexOptions.CultureInvariant)]
    private static partial Regex EnvelopeIdInText();
}
