namespace ChatBot.Slack.Socket;

/// <summary>Keeps one Socket Mode connection to Slack. When Slack announces a disconnect (a refresh, a warning, a
/// disabled link) the next connection is opened before the old one is closed, so that an envelope sent during the
/// switch is read on one or the other; only then are there briefly two. A dropped connection is replaced after a
/// jittered, growing backoff. On shutdown the acknowledgements in flight go out before the socket closes.</summary>
internal sealed class SocketModeClient(SocketLinks links, SocketDispatch dispatch, TimeProvider time, ILogger<SocketModeClient> log)
    : BackgroundService
{
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Slack wants every acknowledgement within 3 s, so none in flight can take longer than that.</summary>
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly List<Task> retiring = [];
    private SocketConnection? current;
    private int opened;

    /// <summary>For readiness: a connection has said hello and can still send.</summary>
    public bool IsConnected => Volatile.Read(ref current)?.IsOpen == true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var connection = await ConnectAsync(afterDrop: false, stoppingToken);
            while (true)
            {
                Volatile.Write(ref current, connection);
                await Task.WhenAny(connection.DisconnectRequested, connection.Closed).WaitAsync(stoppingToken);
                if (connection.DisconnectRequested.IsCompleted)
                {
                    // The old connection keeps reading and acknowledging until the new one has said hello.
                    var next = await ConnectAsync(afterDrop: false, stoppingToken);
                    Volatile.Write(ref current, next);
                    retiring.Add(connection.CloseAsync(Drain));
                    connection = next;
                    continue;
                }

                await connection.DisposeAsync();
                connection = await ConnectAsync(afterDrop: true, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref current) is { } last)
            {
                await last.CloseAsync(Drain);
                log.LogInformation("Socket Mode connection {Number} closed for shutdown", last.Number);
            }

            await Task.WhenAll(retiring);
        }
    }

    private async Task<SocketConnection> ConnectAsync(bool afterDrop, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.Zero;
        for (var attempt = afterDrop ? 1 : 0; ; attempt++)
        {
            wait = attempt == 0 ? TimeSpan.Zero : Max(wait, Backoff(attempt));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            wait = TimeSpan.Zero;
            try
            {
                var url = await links.OpenAsync(cancellationToken);
                var number = Interlocked.Increment(ref opened);
                var connection = await SocketConnection.OpenAsync(url, number, dispatch, AckElsewhereAsync, log, HelloTimeout, cancellationToken);
                log.LogInformation("Socket Mode connection {Number} to {Host} is ready", number, url.Host);
                return connection;
            }
            catch (SocketLinkException e)
            {
                log.LogWarning("Cannot open a Socket Mode connection: {Error}", e.Message);
                wait = e.RetryAfter ?? TimeSpan.Zero;
            }
            catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or TimeoutException
                or System.Text.Json.JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                log.LogWarning("Cannot open a Socket Mode connection: {Error}", e.Message);
            }
        }
    }

    /// <summary>For an envelope read on a connection that has already sent its close: the current one answers.</summary>
    private Task<bool> AckElsewhereAsync(SocketConnection from, ReadOnlyMemory<byte> ack) =>
        Volatile.Read(ref current) is { } other && other != from ? other.TrySendAsync(ack) : Task.FromResult(false);

    /// <summary>Half fixed, half random, doubling per attempt: replicas that lost Slack together do not return together.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
#pragma warning restore CA5394
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
