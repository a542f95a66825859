using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Investigation;

namespace ChatBot.Feed;

/// <summary>The feed's CloudTrail records about one instance as a LookupEvents page: the same records LookupEvents
/// returns later (same eventID, same CloudTrailEvent JSON), so the engine reads them with its own code.</summary>
public sealed class RecentTrail(IRecentEvents recent)
{
    public async Task<IReadOnlyList<TrailEvent>> EventsAsync(AwsAccount account, string region, string instanceId, CancellationToken cancellationToken)
    {
        var events = await recent.ForInstanceAsync(account, region, instanceId, cancellationToken).ConfigureAwait(false);
        return events.Where(e => e is { Kind: FeedKind.ApiCall, TrailEventId: not null, Record: not null })
            .Select(e => new TrailEvent(e.TrailEventId!, e.EventName ?? "", e.Time, e.Record!) { FromFeed = true })
            .ToList();
    }

    /// <summary>Only the feed, never LookupEvents: alerts are built from what just arrived, at no CloudTrail cost.</summary>
    public ICloudTrail Alone() => new FeedOnly(this);

    private sealed class FeedOnly(RecentTrail trail) : ICloudTrail
    {
        public async Task<LookupPage> LookupEventsAsync(AwsAccount account, string region, LookupQuery query, CancellationToken cancellationToken) =>
            new(query.NextToken is null ? await trail.EventsAsync(account, region, query.ResourceName, cancellationToken).ConfigureAwait(false) : [], null);
    }
}

/// <summary>LookupEvents with the feed's newer records in front: a stop seen on the feed answers at once, and when
/// LookupEvents later returns the same eventID the two are one event, not two.</summary>
public sealed partial class FeedAwareCloudTrail(ICloudTrail inner, RecentTrail recent, ILogger<FeedAwareCloudTrail> log) : ICloudTrail
{
    /// <summary>The CloudTrail client behind the feed: the real one, or the sandbox's sample account.</summary>
    public ICloudTrail Inner => inner;

    public async Task<LookupPage> LookupEventsAsync(AwsAccount account, string region, LookupQuery query, CancellationToken cancellationToken)
    {
        if (query.NextToken is not null)
        {
            return await inner.LookupEventsAsync(account, region, query, cancellationToken).ConfigureAwait(false);
        }

        var fresh = (await recent.EventsAsync(account, region, query.ResourceName, cancellationToken).ConfigureAwait(false))
            .Where(e => e.EventTime >= query.StartTime).ToList();
        LookupPage page;
        try
        {
            page = await inner.LookupEventsAsync(account, region, query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && fresh.Any(IsSuccessfulStop))
        {
            // The feed already holds the stop: that answers the question, and CloudTrail's trouble only hides older history.
            LogFeedOnly(query.ResourceName, e.GetType().Name);
            return new LookupPage(fresh, null);
        }

        if (fresh.Count == 0)
        {
            return page;
        }

        var known = page.Events.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        var merged = page.Events.Concat(fresh.Where(e => !known.Contains(e.EventId))).OrderByDescending(e => e.EventTime).ToList();
        return page with { Events = merged };
    }

    private static bool IsSuccessfulStop(TrailEvent e) =>
        e.EventName is "StopInstances" or "TerminateInstances" && TrailRecord.Parse(e.Record) is { Succeeded: true };

    [LoggerMessage(Level = LogLevel.Warning, Message = "LookupEvents for {InstanceId} failed ({Error}); answered from the feed alone")]
    private partial void LogFeedOnly(string instanceId, string error);
}
