using ChatBot.SharedState;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Tests.Support;

/// <summary>A connection as one replica holds it, without the rest of the app.</summary>
internal static class RedisTestConnections
{
    public static async Task<RedisConnection> ConnectAsync(string configuration)
    {
        var redis = new RedisConnection(new RedisOptions { Configuration = configuration }, NullLogger<RedisConnection>.Instance, TimeProvider.System);
        await redis.StartAsync(CancellationToken.None);
        return redis;
    }
}
