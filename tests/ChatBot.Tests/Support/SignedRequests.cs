using ChatBot.Slack.Ingress;
using System.Text;
using System.Text.Json;
using ChatBot.Slack;

namespace ChatBot.Tests.Support;

/// <summary>Requests as Slack sends them: form-encoded commands and interactions, JSON events, all signed.</summary>
internal static class SignedRequests
{
    public const string Secret = "test-signing-secret-0123456789";
    public const string Team = "T0TEAM";
    public const string Channel = "C0INCIDENT";

    public static HttpRequestMessage Command(string text, string responseUrl, string channel = Channel, string team = Team) =>
        Form(SlackEndpoints.CommandsPath, CommandFields(text, responseUrl, channel, team));

    /// <summary>A slash command's fields: a form over HTTP, a JSON object in a Socket Mode envelope.</summary>
    public static Dictionary<string, string> CommandFields(string text, string responseUrl, string channel = Channel, string team = Team) =>
        new()
        {
            ["token"] = "deprecated-verification-token", ["team_id"] = team, ["team_domain"] = "acme",
            ["channel_id"] = channel, ["channel_name"] = "incident-42", ["user_id"] = "U0ALICE", ["user_name"] = "alice",
            ["command"] = "/whostopped", ["text"] = text, ["response_url"] = responseUrl, ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
            ["api_app_id"] = "A0WHOSTOPPED",
        };

    /// <summary>An event_callback around <paramref name="slackEvent"/>, as the Events API delivers it.</summary>
    public static HttpRequestMessage Event(object slackEvent, string eventId, int? retryNum = null, string team = Team)
    {
        var request = Json(SlackEndpoints.EventsPath, JsonSerializer.Serialize(EventCallback(slackEvent, eventId, team)));
        if (retryNum is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString());
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return request;
    }

    /// <summary>The Events API's event_callback: the HTTP body, or a Socket Mode envelope's payload.</summary>
    public static object EventCallback(object slackEvent, string eventId, string team = Team) => new
    {
        token = "deprecated-verification-token", team_id = team, api_app_id = "A0WHOSTOPPED", @event = slackEvent,
        type = "event_callback", event_id = eventId, event_time = 1_795_168_992,
        authorizations = new[] { new { enterprise_id = (string?)null, team_id = team, user_id = "U0BOT", is_bot = true } },
    };

    /// <summary>A message shortcut's payload (type message_action) on <paramref name="message"/>, as Slack sends it.</summary>
    public static object MessageShortcut(object message, string responseUrl, string callbackId = "whostopped_these", string channel = Channel) => new
    {
        type = "message_action", callback_id = callbackId, trigger_id = "13345224609.738474920.8088930838d88f008e0",
        response_url = responseUrl, team = new { id = Team, domain = "acme" }, channel = new { id = channel, name = "incident-42" },
        user = new { id = "U0ALICE", name = "alice" }, message,
    };

    public static object Mention(string text, string ts, string? threadTs = null, string channel = Channel) => new
    {
        type = "app_mention", user = "U0ALICE", text, ts, thread_ts = threadTs, channel, event_ts = ts,
    };

    public static object DirectMessage(string text, string ts, string? botId = null, string? subtype = null) => new
    {
        type = "message", channel_type = "im", channel = "D0ALICE", user = "U0ALICE", text, ts, event_ts = ts, bot_id = botId, subtype,
    };

    public static HttpRequestMessage Json(string path, string json, DateTimeOffset? signedAt = null, string secret = Secret) =>
        Signed(path, json, "application/json", signedAt, secret);

    public static HttpRequestMessage Form(string path, IDictionary<string, string> fields, DateTimeOffset? signedAt = null, string secret = Secret)
    {
        using var content = new FormUrlEncodedContent(fields);
        var body = content.ReadAsStringAsync().GetAwaiter().GetResult();
        return Signed(path, body, "application/x-www-form-urlencoded", signedAt, secret);
    }

    private static HttpRequestMessage Signed(string path, string body, string mediaType, DateTimeOffset? signedAt, string secret)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }
}
