using ChatBot.Aws;

namespace ChatBot.Feed;

/// <summary>Feed events of the last day, by instance, so that a stop seen on the feed answers a question at once,
/// minutes before LookupEvents has it. In memory by default; a store shared by replicas (Redis) can replace it.</summary>
public interface IRecentEvents
{
    /// <summary>Keeps <paramref name="feedEvent"/> under each instance it names. Adding the same event twice
    /// (same EventBridge ID) keeps it once.</summary>
    ValueTask AddAsync(AwsAccount account, FeedEvent feedEvent, CancellationToken cancellationToken);

    /// <summary>The events kept about one instance, newest first.</summary>
    ValueTask<IReadOnlyList<FeedEvent>> ForInstanceAsync(AwsAccount account, string region, string instanceId, CancellationToken cancellationToken);
}
