using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace ChatBot.Tests.Slack;

/// <summary>The bot over Socket Mode against a real WebSocket server playing Slack. No signing secret is configured:
/// over the socket none is needed.</summary>
public sealed class SocketModeTests
{
    private const string Id = SampleFindings.Id;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_slash_command_over_the_socket_is_acknowledged_with_its_ephemeral_reply_and_answered_in_the_channel()
    {
        await using var bot = await SocketBot.StartAsync();
        var socket = await bot.Socket.ConnectionAsync();

        var envelope = await socket.SendEnvelopeAsync("slash_commands", SignedRequests.CommandFields(Id, bot.App.Slack.ResponseUrl));

        var payload = (await socket.AckAsync(envelope)).GetProperty("payload");
        Assert.Equal("ephemeral", payload.GetProperty("response_type").GetString());
        Assert.Contains($"Looking up `{Id}`", payload.GetProperty("text").GetString());
        var summary = (await bot.App.Slack.WaitForAsync(1))[0];
        Assert.Equal(SignedRequests.Channel, summary.GetProperty("channel").GetString());
        Assert.Contains(Id, summary.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_mention_over_the_socket_is_acknowledged_without_a_payload_and_answered_in_its_thread()
    {
        await using var bot = await SocketBot.StartAsync();
        var socket = await bot.Socket.ConnectionAsync();

        var envelope = await socket.SendEnvelopeAsync("events_api", MentionOf(Id, "1795168000.000200", "EvSOCKET1"));

        Assert.False((await socket.AckAsync(envelope)).TryGetProperty("payload", out _));
        var posts = await bot.App.Slack.WaitForAsync(2);
        Assert.All(posts, p => Assert.Equal("1795168000.000200", p.GetProperty("thread_ts").GetString()));
        Assert.Contains(Id, posts[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_message_shortcut_over_the_socket_is_acknowledged_and_answered_in_the_messages_thread()
    {
        await using var bot = await SocketBot.StartAsync();
        var socket = await bot.Socket.ConnectionAsync();
        var alarm = new { type = "message", bot_id = "B0AMAZONQ", text = $"ALARM: StatusCheckFailed on {Id}", ts = "1795168000.000900" };

        var envelope = await socket.SendEnvelopeAsync("interactive", SignedRequests.MessageShortcut(alarm, bot.App.Slack.ResponseUrl));

        await socket.AckAsync(envelope);
        var posts = await bot.App.Slack.WaitForAsync(2);
        Assert.All(posts, p => Assert.Equal("1795168000.000900", p.GetProperty("thread_ts").GetString()));
    }

    [Fact]
    public async Task Retried_envelopes_of_one_event_are_each_acknowledged_and_answered_once()
    {
        await using var bot = await SocketBot.StartAsync();
        var socket = await bot.Socket.ConnectionAsync();

        foreach (var attempt in new[] { 0, 1, 2 })
        {
            await socket.AckAsync(await socket.SendEnvelopeAsync("events_api", MentionOf(Id, "1795168000.000300", "EvSOCKET2"), attempt));
        }

        // One worker answers in order, so once the next question is answered, any repeat would have been too.
        await socket.AckAsync(await socket.SendEnvelopeAsync("events_api", MentionOf(TestApp.OtherId, "1795168000.000301", "EvSOCKET3")));
        await Eventually.TrueAsync(() => bot.App.Slack.Bodies().Any(p => p.GetProperty("thread_ts").GetString() == "1795168000.000301"));
        Assert.Equal(2, bot.App.Investigations);
    }

    [Fact]
    public async Task A_slash_command_envelope_sent_again_is_acknowledged_again_but_answered_once()
    {
        await using var bot = await SocketBot.StartAsync();
        var socket = await bot.Socket.ConnectionAsync();
        var command = SignedRequests.CommandFields(Id, bot.App.Slack.ResponseUrl);

        var first = await socket.SendEnvelopeAsync("slash_commands", command);
        await socket.AckAsync(first);
        await socket.SendEnvelopeAsync("slash_commands", command, envelopeId: first);
        await Eventually.TrueAsync(() => socket.AckCount(first) == 2, "the second ack of the envelope sent again");

        // One worker answers in order, so once the next question is answered, any repeat would have been too.
        await socket.AckAsync(await socket.SendEnvelopeAsync("events_api", MentionOf(TestApp.OtherId, "1795168000.000302", "EvSOCKET4")));
        await Eventually.TrueAsync(() => bot.App.Slack.Bodies().Any(p => p.TryGetProperty("thread_ts", out var ts) && ts.GetString() == "1795168000.000302"));
        Assert.Equal(2, bot.App.Investigations);
    }

    [Fact]
    public async Task On_a_refresh_the_next_connection_opens_before_the_old_one_closes_and_nothing_sent_meanwhile_is_lost()
    {
        await using var bot = await SocketBot.StartAsync();
        var first = await bot.Socket.ConnectionAsync(1);
        bot.Socket.HoldHello();

        await first.SendAsync(new { type = "disconnect", reason = "refresh_requested", debug_info = new { host = "wss-primary" } });
        var second = await bot.Socket.ConnectionAsync(2);
        // The bot is connected twice now, the new connection not yet greeted: the old one must still be served.
        var during = await first.SendEnvelopeAsync("events_api", MentionOf(Id, "1795168000.000400", "EvSOCKET4"));
        await first.AckAsync(during);
        bot.Socket.ReleaseHello();
        await second.Greeted.WaitAsync(Patience);
        var after = await second.SendEnvelopeAsync("events_api", MentionOf(TestApp.OtherId, "1795168000.000401", "EvSOCKET5"));

        await second.AckAsync(after);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.Closed.WaitAsync(Patience));
        var threads = (await bot.App.Slack.WaitForAsync(4)).Select(p => p.GetProperty("thread_ts").GetString()).ToHashSet();
        Assert.Equal(["1795168000.000400", "1795168000.000401"], threads.Order());
        Assert.Equal(2, bot.Socket.PeakOpen);
        await Eventually.TrueAsync(() => bot.Socket.Open == 1, "one connection left open");
    }

    [Fact]
    public async Task A_dropped_connection_is_replaced_and_readiness_reports_the_socket()
    {
        await using var bot = await SocketBot.StartAsync();
        var first = await bot.Socket.ConnectionAsync(1);
        // The stand-in has sent hello; the bot counts the socket open once it has read it.
        await Eventually.TrueAsync(() => SocketReadinessAsync(bot).GetAwaiter().GetResult() == "Healthy", "readiness on the first connection");

        first.Abort();
        var second = await bot.Socket.ConnectionAsync(2);
        var envelope = await second.SendEnvelopeAsync("slash_commands", SignedRequests.CommandFields(Id, bot.App.Slack.ResponseUrl));

        await second.AckAsync(envelope);
        await bot.App.Slack.WaitForAsync(1);
        Assert.Equal(1, bot.Socket.PeakOpen);
        await Eventually.TrueAsync(() => SocketReadinessAsync(bot).GetAwaiter().GetResult() == "Healthy", "readiness after the reconnect");
        Assert.Contains(bot.App.Logs.Lines, l => l.Contains("Socket Mode connection 1 dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_connection_readiness_fails_naming_the_socket()
    {
        // No Socket Mode server: apps.connections.open is not answered, so the bot keeps retrying.
        await using var app = new TestApp(SocketBot.Settings);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("No Socket Mode connection to Slack", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unreadable_frames_and_unknown_envelopes_are_logged_and_acknowledged_and_the_connection_carries_on()
    {
        await using var bot = await SocketBot.StartAsync();
        var socket = await bot.Socket.ConnectionAsync();

        await socket.SendTextAsync("{not json at all");
        await socket.SendTextAsync("""{"envelope_id":"garbled-1","type":"events_api","payload":{"event":""");
        var unknown = await socket.SendEnvelopeAsync("a_future_envelope_type", new { anything = 1 });
        var misshapen = await socket.SendEnvelopeAsync("events_api", "a string where an object belongs");
        await socket.SendAsync(new { type = "events_api", payload = new { } });

        await socket.AckAsync("garbled-1");
        await socket.AckAsync(unknown);
        await socket.AckAsync(misshapen);
        var command = await socket.SendEnvelopeAsync("slash_commands", SignedRequests.CommandFields(Id, bot.App.Slack.ResponseUrl));
        Assert.True((await socket.AckAsync(command)).TryGetProperty("payload", out _));
        Assert.Single(bot.Socket.Connections);
        Assert.Contains(bot.App.Logs.Lines, l => l.Contains("is not JSON", StringComparison.Ordinal));
        Assert.Contains(bot.App.Logs.Lines, l => l.Contains("a_future_envelope_type", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_shutdown_the_socket_is_closed_cleanly()
    {
        await using var bot = await SocketBot.StartAsync();
        var socket = await bot.Socket.ConnectionAsync();
        await socket.AckAsync(await socket.SendEnvelopeAsync("slash_commands", SignedRequests.CommandFields(Id, bot.App.Slack.ResponseUrl)));

        await bot.App.StopAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.Closed.WaitAsync(Patience));
        Assert.Equal(0, bot.Socket.Open);
    }

    private static object MentionOf(string instanceId, string ts, string eventId) =>
        SignedRequests.EventCallback(SignedRequests.Mention($"<@U0BOT> who stopped {instanceId}?", ts), eventId);

    private static async Task<string?> SocketReadinessAsync(SocketBot bot)
    {
        using var client = bot.App.CreateClient();
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return report.RootElement.GetProperty("checks").GetProperty("slack-socket").GetProperty("status").GetString();
    }

    /// <summary>The real app in Socket Mode with <see cref="FakeSocketSlack"/> behind apps.connections.open.</summary>
    private sealed class SocketBot : IAsyncDisposable
    {
        public static readonly Dictionary<string, string?> Settings = new()
        {
            ["SLACK_APP_TOKEN"] = FakeSocketSlack.AppToken, ["SLACK_SIGNING_SECRET"] = "",
        };

        private SocketBot(TestApp app, FakeSocketSlack socket)
        {
            App = app;
            Socket = socket;
        }

        public TestApp App { get; }

        public FakeSocketSlack Socket { get; }

        public static async Task<SocketBot> StartAsync()
        {
            var app = new TestApp(Settings);
            var socket = await FakeSocketSlack.StartAsync(app.Slack);
            _ = app.Services; // starts the host, and with it the connection
            return new SocketBot(app, socket);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Socket.DisposeAsync();
        }
    }
}
