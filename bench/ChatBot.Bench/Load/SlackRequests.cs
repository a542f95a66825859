using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChatBot.Bench.Load;

/// <summary>A delivery ready to send: body and headers built and signed beforehand, so the clock measures only the bot.</summary>
public sealed record SignedRequest(Question Question, int Delivery, string Path, string ContentType, byte[] Body, string Timestamp, string Signature);

/// <summary>Slash commands and Events API deliveries as Slack sends them, signed with the app's signing secret.</summary>
public sealed class SlackRequests(string signingSecret, Uri responseUrlBase)
{
    public const string TeamId = "T0BENCH00";
    public const string BotUserId = "U0BOT0000";
    public const string AskerUserId = "U0ASKER00";

    /// <param name="delivery">0 for the first delivery; a mention's later ones carry X-Slack-Retry-Num.</param>
    public SignedRequest Sign(Question question, int delivery)
    {
        var (path, type, body) = question.Kind == QuestionKind.Command
            ? ("slack/commands", "application/x-www-form-urlencoded", CommandBody(question))
            : ("slack/events", "application/json", MentionBody(question));
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new SignedRequest(question, delivery, path, type, bytes, timestamp, Signature(timestamp, bytes));
    }

    /// <summary><c>v0=</c> + hex HMAC-SHA256(secret, <c>v0:{timestamp}:{body}</c>), as Slack signs.</summary>
    public string Signature(string timestamp, byte[] body)
    {
        byte[] signed = [.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body];
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), signed));
    }

    /// <summary>The same delivery over Socket Mode: the payload HTTP would carry, as JSON, in an envelope. A slash
    /// command accepts a response payload (its ephemeral reply rides in the acknowledgement).</summary>
    public byte[] Envelope(Question question, int delivery, string envelopeId) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["envelope_id"] = envelopeId,
        ["type"] = question.Kind == QuestionKind.Command ? "slash_commands" : "events_api",
        ["payload"] = question.Kind == QuestionKind.Command ? CommandFields(question).ToDictionary(f => f.Name, f => f.Value) : MentionPayload(question),
        ["accepts_response_payload"] = question.Kind == QuestionKind.Command,
        ["retry_attempt"] = delivery,
        ["retry_reason"] = delivery > 0 ? "timeout" : "",
    });

    private string CommandBody(Question q) =>
        string.Join('&', CommandFields(q).Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}"));

    private (string Name, string Value)[] CommandFields(Question q) =>
        [
            ("token", "bench-verification-token"), ("team_id", TeamId), ("team_domain", "bench"),
            ("channel_id", q.Channel), ("channel_name", "incident-bench"), ("user_id", AskerUserId), ("user_name", "oncall"),
            ("command", "/whostopped"), ("text", q.Text), ("api_app_id", "A0BENCH00"), ("is_enterprise_install", "false"),
            ("response_url", new Uri(responseUrlBase, q.Channel).ToString()), ("trigger_id", $"bench.{q.Channel}"),
        ];

    private static string MentionBody(Question q) => JsonSerializer.Serialize(MentionPayload(q));

    private static Dictionary<string, object?> MentionPayload(Question q) => new()
    {
        ["token"] = "bench-verification-token",
        ["team_id"] = TeamId,
        ["api_app_id"] = "A0BENCH00",
        ["type"] = "event_callback",
        ["event_id"] = q.EventId,
        ["event_time"] = 1_700_000_000,
        ["event"] = new Dictionary<string, object?>
        {
            ["type"] = "app_mention", ["user"] = AskerUserId, ["text"] = q.Text, ["ts"] = q.Ts,
            ["channel"] = q.Channel, ["event_ts"] = q.Ts, ["team"] = TeamId,
        },
        ["authorizations"] = new[] { new Dictionary<string, object?> { ["team_id"] = TeamId, ["user_id"] = BotUserId, ["is_bot"] = true } },
    };
}
