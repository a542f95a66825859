using ChatBot.Slack.Handlers;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>Event and envelope IDs seen by any replica: SET NX with the in-memory window as TTL. This replica's own
/// memory is asked first and always kept, so an outage can never let through a repeat that one replica alone would
/// have caught; Redis adds the repeats other replicas saw.</summary>
public sealed class RedisSeenEvents(RedisConnection redis, InMemorySeenEvents local) : ISeenEvents
{
    public ValueTask<bool> FirstTimeAsync(string eventId, CancellationToken cancellationToken) =>
        ClaimAsync(eventId, InMemorySeenEvents.Memory, cancellationToken);

    public async ValueTask<bool> ClaimAsync(string eventId, TimeSpan lease, CancellationToken cancellationToken)
    {
        if (!await local.ClaimAsync(eventId, lease, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var (ok, first) = await redis.TryAsync(db => db.StringSetAsync(
            RedisKeys.Seen(eventId), 1, lease, When.NotExists), cancellationToken).ConfigureAwait(false);
        return !ok || first;
    }

    public async ValueTask HandledAsync(string eventId, CancellationToken cancellationToken)
    {
        await local.HandledAsync(eventId, cancellationToken).ConfigureAwait(false);
        await redis.TryAsync(db => db.StringSetAsync(RedisKeys.Seen(eventId), 1, InMemorySeenEvents.Memory), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken)
    {
        await local.ForgetAsync(eventId, cancellationToken).ConfigureAwait(false);
        await redis.TryAsync(db => db.KeyDeleteAsync(RedisKeys.Seen(eventId)), cancellationToken).ConfigureAwait(false);
    }
}
