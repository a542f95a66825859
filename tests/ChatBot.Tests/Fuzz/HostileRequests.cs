using ChatBot.Slack.Ingress;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatBot.Slack;
using ChatBot.Tests.Slack;

namespace ChatBot.Tests.Fuzz;

/// <summary>Reproducible hostile requests: valid Slack payloads, mutated (truncated, bytes flipped, unicode and
/// huge strings spliced in, wrong JSON types, duplicated keys, deep nesting, hundreds of IDs), mostly signed so
/// they reach the parsers, sometimes unsigned or with broken timestamps so they exercise the guard.</summary>
internal sealed class HostileRequests(int seed, string responseUrl)
{
    private static readonly string[] Splices =
    [
        "\u202E", "\u202Bשלום عالم\u202C", "👩‍💻🔥🏳️‍🌈", "\0", "\\u0000", "\\ud800", "\\udfff\\ud800", "\uFEFF", "e\u0301\u0301\u0301",
        "%", "%zz", "%00", "%F0%9F", "&", "=", "&&&=&", "\"", "\\", "{", "}", "[", "]", ",", ":", "<!channel>", "`", "\r\n",
    ];

    private static readonly string[] BadTimestamps = ["", "abc", "-5", " 1", "1e9", "99999999999999999999", "253402300800", "0"];

    private static readonly string[] ContentTypes =
        ["application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-16"];

    private readonly Random random = new(seed);
    private int count;

    public HttpRequestMessage Next()
    {
        count++;
        var (path, body, contentType) = Seed();
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            bytes = Mutate(bytes, path);
        }

        if (random.Next(10) == 0)
        {
            path = Pick([SlackEndpoints.CommandsPath, SlackEndpoints.EventsPath, SlackEndpoints.InteractionsPath]);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        if (random.Next(5) > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", random.Next(5) > 0 ? contentType : Pick(ContentTypes));
        }

        Sign(request, bytes);
        return request;
    }

    private (string Path, string Body, string ContentType) Seed()
    {
        const string form = "application/x-www-form-urlencoded";
        var id = SampleFindings.Id;
        return random.Next(5) switch
        {
            0 => (SlackEndpoints.EventsPath, Event(new { type = "app_mention", user = "U0ALICE", text = $"<@U0BOT> who stopped {id}?", ts = "1.1", channel = "C0INCIDENT" }), "application/json"),
            1 => (SlackEndpoints.EventsPath, Event(new { type = "message", channel_type = "im", user = "U0ALICE", text = id, ts = "1.2", channel = "D0ALICE" }), "application/json"),
            2 => (SlackEndpoints.EventsPath, """{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""", "application/json"),
            3 => (SlackEndpoints.InteractionsPath, Form(("payload", """{"type":"block_actions","team":{"id":"T0TEAM"},"channel":{"id":"C0INCIDENT"},"actions":[{"action_id":"open_ec2_instance","type":"button"}]}""")), form),
            _ => (SlackEndpoints.CommandsPath, Form(("team_id", "T0TEAM"), ("channel_id", "C0INCIDENT"), ("user_id", "U0ALICE"), ("command", "/whostopped"),
                ("text", $"{id} eu-west-1"), ("response_url", responseUrl)), form),
        };
    }

    /// <summary>A fresh event_id each time, so the dedupe set does not hide the handlers behind it.</summary>
    private string Event(object slackEvent) => JsonSerializer.Serialize(new
    {
        team_id = "T0TEAM", type = "event_callback", event_id = $"EvFuzz{count}", @event = slackEvent,
        authorizations = new[] { new { user_id = "U0BOT", is_bot = true } },
    });

    private static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private byte[] Mutate(byte[] body, string path)
    {
        var text = Encoding.UTF8.GetString(body);
        var at = random.Next(text.Length + 1);
        return random.Next(12) switch
        {
            0 => body[..random.Next(body.Length + 1)],
            1 => Flip(body),
            2 => Utf8(text.Insert(at, Pick(Splices))),
            3 => Utf8(text.Insert(at, new string((char)random.Next(0x20, 0x7f), random.Next(1, 70_000)))),
            4 => InvalidUtf8(body, random.Next(body.Length + 1)),
            5 => Utf8(WrongType(text)),
            6 => Utf8(path == SlackEndpoints.EventsPath ? text.Insert(Math.Min(1, text.Length), "\"type\":\"event_callback\",\"event\":[],") : text + "&command=/other&text=help&text=i-0"),
            7 => Utf8(Nest(text, random.Next(1, 3000))),
            8 => Utf8(text.Insert(at, string.Concat(Enumerable.Range(0, random.Next(50, 1000)).Select(_ => $" i-{random.NextInt64():x16}{random.Next(16):x}")))),
            9 => Utf8(text + string.Concat(Enumerable.Repeat("&a=1", random.Next(1000, 1500)))),
            10 => Utf8(text.Insert(at, $"&{new string('k', random.Next(2000, 5000))}=v&")),
            _ => RandomBytes(random.Next(0, 2048)),
        };
    }

    /// <summary>An encoded lone surrogate and a cut-off two-byte sequence: bytes no UTF-8 encoder would write.</summary>
    private static byte[] InvalidUtf8(byte[] body, int at) => [.. body[..at], 0xED, 0xA0, 0x80, 0xC3, .. body[at..]];

    private byte[] Flip(byte[] body)
    {
        var copy = (byte[])body.Clone();
        for (var i = 0; copy.Length > 0 && i < random.Next(1, 8); i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    /// <summary>One string value, chosen at random, becomes another JSON type; arrays may gain null elements.</summary>
    private string WrongType(string text)
    {
        if (random.Next(3) == 0)
        {
            return text.Replace("[{", "[null,{", StringComparison.Ordinal).Replace("[]", "[null]", StringComparison.Ordinal);
        }

        var values = Enumerable.Range(0, Math.Max(0, text.Length - 2)).Where(i => text[i] == '"' && text[i + 1] == ':' && text[i + 2] == '"').ToList();
        var start = values.Count == 0 ? -1 : values[random.Next(values.Count)] + 2;
        var end = start < 0 ? -1 : text.IndexOf('"', start + 1);
        var replacement = Pick(["123", "-1.5e308", "[1,\"a\",null]", "{\"id\":{}}", "null", "true", "[null]", "\"\""]);
        return end < 0 ? replacement : text[..start] + replacement + text[(end + 1)..];
    }

    private string Nest(string text, int depth) => random.Next(2) == 0
        ? string.Concat(Enumerable.Repeat("{\"event\":", depth)) + text + new string('}', depth)
        : new string('[', depth) + text + new string(']', depth);

    private void Sign(HttpRequestMessage request, byte[] body)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = request.Headers;
        switch (random.Next(10))
        {
            case 0:
                return;
            case 1:
                headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, now);
                headers.TryAddWithoutValidation(SlackSignature.SignatureHeader, SlackSignature.Sign("not-the-secret", now, body));
                return;
            case 2:
                var stamp = Pick(BadTimestamps);
                headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, stamp);
                headers.TryAddWithoutValidation(SlackSignature.SignatureHeader, SlackSignature.Sign(SignedRequests.Secret, stamp, body));
                return;
            case 3:
                headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, now);
                headers.TryAddWithoutValidation(SlackSignature.SignatureHeader, Pick(["v0=", "v0=zz", "v1=" + new string('0', 64), new string('9', 5000), "v0=\u00e9"]));
                return;
            default:
                headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, now);
                headers.TryAddWithoutValidation(SlackSignature.SignatureHeader, SlackSignature.Sign(SignedRequests.Secret, now, body));
                return;
        }
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Pick(string[] options) => options[random.Next(options.Length)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
