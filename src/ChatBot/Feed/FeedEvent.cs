namespace ChatBot.Feed;

/// <summary>The kinds of EventBridge event the rules in manifest/eventbridge.yaml deliver.</summary>
public enum FeedKind
{
    /// <summary>"AWS API Call via CloudTrail": the whole CloudTrail record, minutes before LookupEvents has it.</summary>
    ApiCall,

    /// <summary>"EC2 Instance State-change Notification": EC2's own word that an instance is stopping, stopped, ….</summary>
    StateChange,

    /// <summary>"EC2 Spot Instance Interruption Warning": two minutes before EC2 reclaims a Spot instance.</summary>
    SpotWarning,
}

/// <summary>One EventBridge event about EC2 instances, reduced to what the bot uses. Plain strings, so that a
/// shared store (Redis) can keep it as it is.</summary>
/// <param name="Id">EventBridge's own ID: the same for every delivery of one event.</param>
/// <param name="AccountId">The 12-digit account the event happened in.</param>
public sealed record FeedEvent(string Id, FeedKind Kind, string AccountId, string Region, DateTimeOffset Time, IReadOnlyList<string> InstanceIds)
{
    public const string ApiCallType = "AWS API Call via CloudTrail";
    public const string StateChangeType = "EC2 Instance State-change Notification";
    public const string SpotWarningType = "EC2 Spot Instance Interruption Warning";

    /// <summary>API calls: StopInstances, TerminateInstances, StartInstances or RebootInstances.</summary>
    public string? EventName { get; init; }

    /// <summary>API calls: CloudTrail's eventID, the one LookupEvents will return for the same call later.</summary>
    public string? TrailEventId { get; init; }

    /// <summary>API calls: the CloudTrail record (the event's <c>detail</c>), exactly as LookupEvents' CloudTrailEvent holds it.</summary>
    public string? Record { get; init; }

    /// <summary>API calls: the error code of a denied or failed call; null when it succeeded.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>State changes: the new state (stopping, stopped, shutting-down, terminated). Spot warnings: the
    /// action EC2 will take (terminate, stop, hibernate).</summary>
    public string? State { get; init; }

    public bool Succeeded => string.IsNullOrEmpty(ErrorCode);

    /// <summary>Something an alert is about: a successful stop or terminate, EC2 saying the instance is going down,
    /// or a Spot warning. Starts, reboots and denied attempts are kept for answers but alert no one.</summary>
    public bool IsStop => Kind switch
    {
        FeedKind.ApiCall => Succeeded && EventName is "StopInstances" or "TerminateInstances",
        FeedKind.StateChange => State is "stopping" or "stopped" or "shutting-down" or "terminated",
        _ => true,
    };
}
