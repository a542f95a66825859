using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatBot.Tests.Slack.Support;

/// <summary>Slack's Socket Mode side, on a real Kestrel WebSocket listener: <c>apps.connections.open</c> (answered on
/// the <see cref="FakeSlack"/> Web API) hands out this server's URL; each connection is greeted with <c>hello</c>;
/// everything the bot sends back is recorded per connection.</summary>
internal sealed class FakeSocketSlack : IAsyncDisposable
{
    public const string AppToken = "xapp-1-A0WHOSTOPPED-1234-socket-test-token";
    public const string OpenPath = "/api/apps.connections.open";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<FakeSocket> connections = new();
    private volatile TaskCompletionSource helloGate = Released();
    private int open;
    private int peakOpen;

    private FakeSocketSlack(WebApplication app) => this.app = app;

    public IReadOnlyList<FakeSocket> Connections => [.. connections];

    /// <summary>The most connections the bot held at one time.</summary>
    public int PeakOpen => Volatile.Read(ref peakOpen);

    public int Open => Volatile.Read(ref open);

    public static async Task<FakeSocketSlack> StartAsync(FakeSlack webApi)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeSocketSlack(app);
        app.UseWebSockets();
        app.Run(fake.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = address.Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/link/?ticket=one-time-ticket";
        webApi.Server.Given(Request.Create().WithPath(OpenPath).UsingPost().WithHeader("Authorization", $"Bearer {AppToken}"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = true, url }));
        return fake;
    }

    /// <summary>Waits until the bot has opened <paramref name="count"/> connections in all, and returns the last
    /// once it has been greeted (or at once, while <see cref="HoldHello"/> is in force).</summary>
    public async Task<FakeSocket> ConnectionAsync(int count = 1)
    {
        await Eventually.TrueAsync(() => connections.Count >= count, $"Socket Mode connection {count}");
        var connection = Connections[count - 1];
        if (helloGate.Task.IsCompleted)
        {
            await connection.Greeted.WaitAsync(TimeSpan.FromSeconds(15));
        }

        return connection;
    }

    /// <summary>New connections are accepted but not greeted until <see cref="ReleaseHello"/>: Slack is slow to say hello.</summary>
    public void HoldHello() => helloGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseHello() => helloGate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            connection.Abort();
        }

        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var connection in connections)
        {
            connection.Dispose();
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeSocket(socket);
        var now = Interlocked.Increment(ref open);
        InterlockedMax(ref peakOpen, now);
        try
        {
            connections.Enqueue(connection);
            var receiving = connection.ReceiveAllAsync();
            await helloGate.Task;
            await connection.SendAsync(new { type = "hello", num_connections = now, connection_info = new { app_id = "A0WHOSTOPPED" } });
            connection.MarkGreeted();
            await receiving;
        }
        finally
        {
            Interlocked.Decrement(ref open);
        }
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource();
        released.SetResult();
        return released;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>One connection the bot opened: frames to send it, and what it sent back.</summary>
internal sealed class FakeSocket(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly ConcurrentQueue<JsonElement> received = new();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource greeted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int nextEnvelope;

    /// <summary>Completes with the bot's close status, or null when the connection was lost without one.</summary>
    public Task<WebSocketCloseStatus?> Closed => closed.Task;

    public IReadOnlyList<JsonElement> Received => [.. received];

    /// <summary>Completes once Slack's hello has gone out on this connection.</summary>
    public Task Greeted => greeted.Task;

    internal void MarkGreeted() => greeted.TrySetResult();

    /// <summary>Sends an envelope as Slack does and returns its ID.</summary>
    /// <param name="envelopeId">Given to send an envelope again, as Slack does when a connection dropped before its ack.</param>
    public async Task<string> SendEnvelopeAsync(string type, object payload, int retryAttempt = 0, string? envelopeId = null)
    {
        var id = envelopeId ?? $"{Guid.NewGuid():D}-{Interlocked.Increment(ref nextEnvelope)}";
        await SendAsync(new
        {
            envelope_id = id, type, payload, accepts_response_payload = type == "slash_commands",
            retry_attempt = retryAttempt, retry_reason = retryAttempt > 0 ? "timeout" : "",
        });
        return id;
    }

    public Task SendAsync(object frame) => SendTextAsync(JsonSerializer.Serialize(frame));

    public async Task SendTextAsync(string text)
    {
        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Waits for the bot's acknowledgement of <paramref name="envelopeId"/> on this connection.</summary>
    public async Task<JsonElement> AckAsync(string envelopeId)
    {
        await Eventually.TrueAsync(() => Ack(envelopeId) is not null, $"the ack of envelope {envelopeId}");
        return Ack(envelopeId)!.Value;
    }

    public int AckCount(string envelopeId) =>
        received.Count(f => f.TryGetProperty("envelope_id", out var id) && id.GetString() == envelopeId);

    public JsonElement? Ack(string envelopeId) => received
        .Where(f => f.TryGetProperty("envelope_id", out var id) && id.GetString() == envelopeId)
        .Select(f => (JsonElement?)f).FirstOrDefault();

    /// <summary>Drops the connection without a close handshake, as a network failure would.</summary>
    public void Abort() => socket.Abort();

    public void Dispose() => sending.Dispose();

    internal async Task ReceiveAllAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    closed.TrySetResult(result.CloseStatus);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    received.Enqueue(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            closed.TrySetResult(null);
        }
    }
}
