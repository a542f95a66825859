using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ChatBot.Bench.StandIns;

/// <summary>An envelope's acknowledgement as it came back. <paramref name="Payload"/> is its payload's JSON, or "".</summary>
public sealed record SocketAckFrame(double AtMs, string Payload);

/// <summary>Slack's Socket Mode side: takes the bot's WebSocket (the URL apps.connections.open hands out), greets it
/// with hello, sends envelopes and matches each acknowledgement to its envelope_id as it arrives.</summary>
public sealed class SocketStandIn : IAsyncDisposable
{
    public const string Path = "link";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<SocketAckFrame>> awaiting = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<WebSocket> connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim sending = new(1, 1);
    private int connections;

    /// <summary>Connections the bot opened in all; one is all it needs.</summary>
    public int Connections => Volatile.Read(ref connections);

    public async Task AcceptAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref connections);
        await SendAsync(socket, """{"type":"hello","num_connections":1,"connection_info":{"app_id":"A0BENCH00"}}"""u8.ToArray());
        connected.TrySetResult(socket);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    Acknowledged(message.ToArray());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The bot went away (stopped at the end of the scenario).
        }
    }

    public Task<WebSocket> ConnectedAsync(TimeSpan timeout) => connected.Task.WaitAsync(timeout);

    public ValueTask DisposeAsync()
    {
        sending.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends one envelope and completes when the bot acknowledges it.</summary>
    public async Task<SocketAckFrame> SendEnvelopeAsync(string envelopeId, byte[] frame, CancellationToken ct)
    {
        var ack = awaiting.GetOrAdd(envelopeId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        await SendAsync(await connected.Task, frame);
        return await ack.Task.WaitAsync(ct);
    }

    private async Task SendAsync(WebSocket socket, byte[] frame)
    {
        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }
    }

    private void Acknowledged(byte[] frame)
    {
        var at = BenchClock.NowMs;
        using var json = JsonDocument.Parse(frame);
        if (json.RootElement.TryGetProperty("envelope_id", out var id) && id.GetString() is { } envelopeId
            && awaiting.TryRemove(envelopeId, out var ack))
        {
            var payload = json.RootElement.TryGetProperty("payload", out var p) ? p.GetRawText() : "";
            ack.TrySetResult(new SocketAckFrame(at, payload));
        }
    }
}
