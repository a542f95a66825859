namespace ChatBot.Aws.CloudTrail;

/// <summary>CloudTrail LookupEvents, one page at a time. Real: <see cref="CloudTrailClient"/>; sandbox: a data file.</summary>
public interface ICloudTrail
{
    /// <summary>One page of management events that name <paramref name="resourceName"/>, newest first.</summary>
    Task<LookupPage> LookupEventsAsync(AwsAccount account, string region, LookupQuery query, CancellationToken cancellationToken);
}

public sealed record LookupQuery(string ResourceName, DateTimeOffset StartTime, DateTimeOffset EndTime, string? NextToken);

public sealed record LookupPage(IReadOnlyList<TrailEvent> Events, string? NextToken);

/// <summary>One LookupEvents result. <see cref="Record"/> is the CloudTrailEvent JSON string, kept raw
/// because the fields that matter differ between event types.</summary>
public sealed record TrailEvent(string EventId, string EventName, DateTimeOffset EventTime, string Record)
{
    /// <summary>Seen on the EventBridge feed, not (yet) returned by LookupEvents.</summary>
    public bool FromFeed { get; init; }
}
