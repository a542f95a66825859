using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>The one connection to Redis. While it is down, <see cref="Database"/> is null and callers use their
/// in-memory parts; the outage is logged once when it starts and once when it ends, and the client reconnects by
/// itself. Nothing logged here carries the configuration string (it may hold a password): only endpoints.</summary>
public sealed class RedisConnection(RedisOptions options, ILogger<RedisConnection> logger, TimeProvider time) : IHostedService, IAsyncDisposable
{
    /// <summary>A failure this soon after Redis came back belongs to the outage that just ended.</summary>
    private static readonly TimeSpan Flapping = TimeSpan.FromSeconds(10);

    private ConnectionMultiplexer? multiplexer;
    private long downSinceTicks;
    private long backAtTicks;
    private int quiet;

    /// <summary>When the current outage began, or null while Redis answers.</summary>
    public DateTimeOffset? DownSince => Interlocked.Read(ref downSinceTicks) is var t and not 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>The database while connected; null while Redis is unreachable or not yet connected.</summary>
    public IDatabase? Database => multiplexer is { IsConnected: true } m ? m.GetDatabase() : null;

    /// <summary>Pub/sub, for waking waiters on other replicas; null before the first connection attempt.</summary>
    public ISubscriber? Subscriber => multiplexer?.GetSubscriber();

    public string Endpoints { get; } = string.Join(",", options.ToClientOptions().EndPoints.Select(e => e.ToString()));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Connecting waits at most the client's connect timeout; without Redis the replica still starts, degraded.
        var connected = await ConnectionMultiplexer.ConnectAsync(options.ToClientOptions()).WaitAsync(cancellationToken).ConfigureAwait(false);
        connected.ConnectionFailed += (_, e) => Lost(e.FailureType.ToString());
        connected.ConnectionRestored += (_, _) => Restored();
        multiplexer = connected;
        if (connected.IsConnected)
        {
            logger.LogInformation("Replicas share state through Redis at {RedisEndpoints}", Endpoints);
        }
        else
        {
            Lost("UnableToConnect");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs one command. Not Ok when Redis is unavailable or the command failed: the caller then uses its
    /// in-memory part. A failure while the connection looked up (a timeout, a server still loading) is an outage too.</summary>
    public async Task<(bool Ok, T Value)> TryAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        if (Database is not { } database)
        {
            return (false, default!);
        }

        try
        {
            var value = await command(database).WaitAsync(cancellationToken).ConfigureAwait(false);
            Restored();
            return (true, value);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Lost(e.GetType().Name);
            return (false, default!);
        }
    }

    private void Lost(string reason)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (Interlocked.CompareExchange(ref downSinceTicks, now, 0) != 0)
        {
            return;
        }

        // Its second connection (pub/sub) failing a moment after the first came back is the same outage: said once.
        if (now - Interlocked.Read(ref backAtTicks) < Flapping.Ticks)
        {
            Volatile.Write(ref quiet, 1);
            return;
        }

        logger.LogWarning("Redis at {RedisEndpoints} is unreachable ({Reason}): this replica answers from its own memory until Redis answers again",
            Endpoints, reason);
    }

    private void Restored()
    {
        if (multiplexer is { IsConnected: true } && Interlocked.Exchange(ref downSinceTicks, 0) != 0)
        {
            Interlocked.Exchange(ref backAtTicks, time.GetUtcNow().UtcTicks);
            if (Interlocked.Exchange(ref quiet, 0) == 0)
            {
                logger.LogInformation("Redis at {RedisEndpoints} is back: replicas share state again", Endpoints);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (multiplexer is { } m)
        {
            await m.DisposeAsync().ConfigureAwait(false);
        }
    }
}
