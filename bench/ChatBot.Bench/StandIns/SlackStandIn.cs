using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatBot.Bench.StandIns;

/// <summary>A message the bot got through to Slack. <paramref name="Via"/> is chat.postMessage, chat.update or response_url.</summary>
public sealed record SlackPost(double AtMs, string Channel, string? ThreadTs, string Text, string Via);

public sealed record SlackBehaviour(int LatencyMs, double RateLimitedRate, string BotToken, string AppToken);

/// <summary>The Slack Web API's chat.postMessage plus the commands' response_urls (<c>respond/&lt;channel&gt;</c>).
/// Only accepted messages are recorded: a post refused with 429 must be retried by the bot, and counts once it lands.
/// For Socket Mode, apps.connections.open hands out the <see cref="SocketStandIn"/>'s address on the same host.
/// users.lookupByEmail knows the stopper of the AWS stand-in's events.</summary>
public sealed class SlackStandIn(SlackBehaviour behaviour, SocketStandIn socket)
{
    public const string ResponsePath = "respond/";
    public const string OnCallUserId = "U0ONCALL0";

    private long nextTs;
    private int rateLimited;
    private readonly Recorder<string> unknownCalls = new();

    public Recorder<SlackPost> Posts { get; } = new();

    /// <summary>429s served: each one the bot had to wait out and retry.</summary>
    public int RateLimited => Volatile.Read(ref rateLimited);

    /// <summary>Web API methods the stand-in does not implement, in case the bot grows a dependency on one.</summary>
    public IReadOnlyList<string> UnknownCalls => unknownCalls.Snapshot();

    public async Task HandleAsync(HttpContext context)
    {
        var arrived = BenchClock.NowMs;
        var path = context.Request.Path.Value?.TrimStart('/') ?? "";
        if (path == SocketStandIn.Path && context.WebSockets.IsWebSocketRequest)
        {
            await socket.AcceptAsync(context);
            return;
        }
        var body = await StandInHost.ReadBodyAsync(context.Request);
        await Task.Delay(behaviour.LatencyMs, context.RequestAborted);
        var response = context.Response;

        if (path.StartsWith(ResponsePath, StringComparison.Ordinal))
        {
            Posts.Add(Read(arrived, context.Request.ContentType, body, path[ResponsePath.Length..], "response_url"));
            await StandInHost.WriteAsync(response, 200, "application/json", """{"ok":true}""");
            return;
        }

        if (path.EndsWith("apps.connections.open", StringComparison.Ordinal))
        {
            var url = $"ws://{context.Request.Host}/{SocketStandIn.Path}";
            await StandInHost.WriteAsync(response, 200, "application/json", context.Request.Headers.Authorization == $"Bearer {behaviour.AppToken}"
                ? JsonSerializer.Serialize(new { ok = true, url }) : """{"ok":false,"error":"invalid_auth"}""");
            return;
        }

        if (path.EndsWith("users.lookupByEmail", StringComparison.Ordinal))
        {
            var known = QueryHelpers.ParseQuery(body).TryGetValue("email", out var email) && email == AwsAnswers.Stopper;
            await StandInHost.WriteAsync(response, 200, "application/json", known
                ? JsonSerializer.Serialize(new { ok = true, user = new { id = OnCallUserId } }) : """{"ok":false,"error":"users_not_found"}""");
            return;
        }

        var method = path.EndsWith("chat.update", StringComparison.Ordinal) ? "chat.update" : "chat.postMessage";
        if (!path.EndsWith(method, StringComparison.Ordinal))
        {
            unknownCalls.Add(path);
            await StandInHost.WriteAsync(response, 200, "application/json", """{"ok":false,"error":"unknown_method"}""");
            return;
        }

        if (context.Request.Headers.Authorization != $"Bearer {behaviour.BotToken}")
        {
            await StandInHost.WriteAsync(response, 200, "application/json", """{"ok":false,"error":"invalid_auth"}""");
            return;
        }

#pragma warning disable CA5394 // Fault injection, not security: any uniform draw will do.
        if (Random.Shared.NextDouble() < behaviour.RateLimitedRate)
#pragma warning restore CA5394
        {
            Interlocked.Increment(ref rateLimited);
            response.Headers.RetryAfter = "1";
            await StandInHost.WriteAsync(response, 429, "application/json", """{"ok":false,"error":"ratelimited"}""");
            return;
        }

        var post = Read(arrived, context.Request.ContentType, body, channel: null, method);
        Posts.Add(post);
        var ts = string.Create(CultureInfo.InvariantCulture, $"1800000000.{Interlocked.Increment(ref nextTs):D6}");
        await StandInHost.WriteAsync(response, 200, "application/json",
            JsonSerializer.Serialize(new { ok = true, channel = post.Channel, ts, message = new { type = "message", text = post.Text, ts } }));
    }

    /// <summary>The Web API takes JSON or a form; the bot may use either.</summary>
    private static SlackPost Read(double arrived, string? contentType, string body, string? channel, string via)
    {
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = QueryHelpers.ParseQuery(body);
            string? FormField(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            return new SlackPost(arrived, channel ?? FormField("channel") ?? "", FormField("thread_ts"), FormField("text") ?? "", via);
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        string? Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new SlackPost(arrived, channel ?? Field("channel") ?? "", Field("thread_ts"), Field("text") ?? "", via);
    }
}
