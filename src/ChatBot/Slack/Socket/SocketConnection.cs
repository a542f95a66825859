using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace ChatBot.Slack.Socket;

/// <summary>One WebSocket to Slack. Reads frames until the socket closes, hands each envelope to the dispatch as it
/// arrives (several are handled at once) and sends its acknowledgement. A frame it cannot read is logged and, where
/// its envelope ID can be found, acknowledged; nothing Slack sends can end the connection but Slack itself.</summary>
internal sealed class SocketConnection : IAsyncDisposable
{
    /// <summary>Slack's envelopes are a few KiB; a frame past this is read to its end and dropped.</summary>
    public const int MaxFrameBytes = 1024 * 1024;

    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly TaskCompletionSource hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SocketDispatch dispatch;
    private readonly Func<SocketConnection, ReadOnlyMemory<byte>, Task<bool>> ackElsewhere;
    private readonly ILogger log;
    private Task receiving = Task.CompletedTask;
    private int inFlight;
    private volatile bool outputClosed;

    private SocketConnection(int number, SocketDispatch dispatch, Func<SocketConnection, ReadOnlyMemory<byte>, Task<bool>> ackElsewhere, ILogger log)
    {
        Number = number;
        this.dispatch = dispatch;
        this.ackElsewhere = ackElsewhere;
        this.log = log;
        // Pings that go unanswered for this long mean the connection is dead even if TCP has not noticed.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(20);
    }

    /// <summary>For logs: which connection of this process (the first is 1).</summary>
    public int Number { get; }

    /// <summary>Completes with Slack's reason when Slack announces that it will close this connection.</summary>
    public Task<string?> DisconnectRequested => disconnect.Task;

    /// <summary>Completes when the connection is gone, whoever ended it.</summary>
    public Task Closed => receiving;

    public bool IsOpen => socket.State == WebSocketState.Open && !outputClosed;

    /// <summary>Connects and waits for Slack's <c>hello</c>: only then does Slack send envelopes on it.</summary>
    public static async Task<SocketConnection> OpenAsync(
        Uri url, int number, SocketDispatch dispatch, Func<SocketConnection, ReadOnlyMemory<byte>, Task<bool>> ackElsewhere,
        ILogger log, TimeSpan helloTimeout, CancellationToken cancellationToken)
    {
        var connection = new SocketConnection(number, dispatch, ackElsewhere, log);
        try
        {
            await connection.socket.ConnectAsync(url, cancellationToken);
            connection.receiving = connection.ReceiveAllAsync();
            await connection.hello.Task.WaitAsync(helloTimeout, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets the acknowledgements in flight go out, closes the socket cleanly, and reads what Slack still sends
    /// until it answers the close; any envelope in that last stretch is acknowledged through another connection.</summary>
    public async Task CloseAsync(TimeSpan drain)
    {
        var deadline = DateTime.UtcNow + drain;
        while (Volatile.Read(ref inFlight) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await sending.WaitAsync();
        try
        {
            outputClosed = true;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            log.LogDebug("Socket Mode connection {Number} could not be closed cleanly: {Error}", Number, e.Message);
        }
        finally
        {
            sending.Release();
        }

        await receiving.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        await DisposeAsync();
    }

    public ValueTask DisposeAsync()
    {
        outputClosed = true;
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <returns>False when this connection can no longer send.</returns>
    public async Task<bool> TrySendAsync(ReadOnlyMemory<byte> frame)
    {
        await sending.WaitAsync();
        try
        {
            if (!IsOpen)
            {
                return false;
            }

            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            log.LogDebug("Socket Mode connection {Number} could not send: {Error}", Number, e.Message);
            return false;
        }
        finally
        {
            sending.Release();
        }
    }

    private async Task ReceiveAllAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>();
        var oversize = false;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    log.LogInformation("Slack closed Socket Mode connection {Number} ({Status})", Number, socket.CloseStatus);
                    return;
                }

                oversize |= message.WrittenCount + result.Count > MaxFrameBytes;
                if (!oversize)
                {
                    message.Write(buffer.AsSpan(0, result.Count));
                }

                if (result.EndOfMessage)
                {
                    if (oversize)
                    {
                        log.LogWarning("Dropped a Socket Mode frame over {Max} bytes", MaxFrameBytes);
                    }
                    else
                    {
                        Take(message.WrittenSpan);
                    }

                    message.Clear();
                    oversize = false;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (!outputClosed)
            {
                log.LogWarning("Socket Mode connection {Number} dropped: {Error}", Number, e.Message);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            hello.TrySetException(new WebSocketException("The connection closed before Slack said hello."));
        }
    }

    private void Take(ReadOnlySpan<byte> utf8)
    {
        if (SocketFrame.Parse(utf8) is not { } frame)
        {
            var salvaged = SocketFrame.SalvageEnvelopeId(utf8);
            log.LogWarning("Socket Mode frame of {Bytes} bytes is not JSON; {Action}", utf8.Length,
                salvaged is null ? "no envelope ID to acknowledge" : "acknowledged");
            if (salvaged is not null)
            {
                Track(AcknowledgeAsync(salvaged, payload: null));
            }

            return;
        }

        switch (frame.Type)
        {
            case SocketFrame.Hello:
                hello.TrySetResult();
                break;
            case SocketFrame.Disconnect:
                log.LogInformation("Slack will close Socket Mode connection {Number} ({Reason})", Number, frame.Reason);
                disconnect.TrySetResult(frame.Reason);
                break;
            case var _ when frame.EnvelopeId is { } id:
                Track(HandleAsync(frame, id));
                break;
            default:
                log.LogWarning("Ignored a Socket Mode frame of type {Type} without an envelope ID", frame.Type);
                break;
        }
    }

    /// <summary>Counts the envelope as in flight until its acknowledgement is out, for <see cref="CloseAsync"/>.</summary>
    private void Track(Func<Task> work)
    {
        Interlocked.Increment(ref inFlight);
        _ = RunAsync();

        async Task RunAsync()
        {
            try
            {
                await work();
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
    }

    private Func<Task> HandleAsync(SocketFrame frame, string envelopeId) => async () =>
    {
        SocketAck ack;
        try
        {
            ack = await dispatch.HandleAsync(frame, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Acknowledged all the same: Slack would only send the envelope that failed again.
            log.LogError(e, "Handling a Socket Mode {Type} envelope failed", frame.Type);
            ack = SocketAck.Empty;
        }

        if (ack.Refused)
        {
            return;
        }

        await AcknowledgeAsync(envelopeId, ack.Payload)();
    };

    private Func<Task> AcknowledgeAsync(string envelopeId, object? payload) => async () =>
    {
        var frame = AckFrame(envelopeId, payload);
        if (!await TrySendAsync(frame) && !await ackElsewhere(this, frame))
        {
            log.LogWarning("Could not acknowledge a Socket Mode envelope on connection {Number}: no connection open", Number);
        }
    };

    private static byte[] AckFrame(string envelopeId, object? payload)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("envelope_id", envelopeId);
            if (payload is not null)
            {
                json.WritePropertyName("payload");
                JsonSerializer.Serialize(json, payload, SlackJson.Options);
            }

            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }
}
