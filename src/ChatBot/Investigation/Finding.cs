namespace ChatBot.Investigation;

/// <summary>The answer about one instance, as plain facts: everything a front end renders, and nothing that needs AWS
/// again. The front ends word it (<see cref="Why"/>, <see cref="Problems"/>) and mark it up each their own way.</summary>
public sealed record Finding
{
    public required string InstanceId { get; init; }
    /// <summary>The account the instance (or its CloudTrail record) was found in; null when not found or not configured.</summary>
    public FindingAccount? Account { get; init; }
    public string? Region { get; init; }
    public bool Found { get; init; }
    public string? State { get; init; }
    public string? StateReasonCode { get; init; }
    public string? StateReasonMessage { get; init; }
    /// <summary>When EC2 says the last stop happened (from StateTransitionReason), which may precede CloudTrail delivery.</summary>
    public DateTimeOffset? StoppedAt { get; init; }
    public string? InstanceName { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public string? InstanceType { get; init; }
    public string? AvailabilityZone { get; init; }
    public DateTimeOffset? LaunchTime { get; init; }
    public string? SchedulerLastAction { get; init; }

    public StopCause Cause { get; init; }
    /// <summary>Which of the explanations applies: what happened, or why we cannot tell yet.</summary>
    public Why Why { get; init; }
    /// <summary>The call that explains the stop (its caller, time, channel and event); null when no call did.</summary>
    public StateChange? Stop { get; init; }
    /// <summary>Where <see cref="Stop"/> was found; null without one.</summary>
    public StopSource? Source { get; init; }
    /// <summary>Other instances the same call stopped.</summary>
    public IReadOnlyList<string> AlsoStopped { get; init; } = [];

    public bool RunningAgain { get; init; }
    public StateChange? LastStart { get; init; }

    public IReadOnlyList<StateChange> History { get; init; } = [];
    public IReadOnlyList<StateChange> DeniedAttempts { get; init; } = [];
    public ConsoleLinks Links { get; init; } = new(null, null);
    /// <summary>Only the newest pages of events were read (WHOSTOPPED_MAX_PAGES), and no stop was among them.</summary>
    public bool Truncated { get; init; }
    /// <summary>What the archive's Athena query scanned, when the archive was asked.</summary>
    public long? ArchiveScannedBytes { get; init; }
    /// <summary>What stood in the way of the answer, CloudTrail's first; empty when nothing did.</summary>
    public IReadOnlyList<Problem> Problems { get; init; } = [];
    /// <summary>Regions whose EC2 could not answer (throttled, failing) when no other region knew the instance: it may
    /// live there, so "not found" is only "not found elsewhere".</summary>
    public IReadOnlyList<string> UnansweredRegions { get; init; } = [];
    /// <summary>Accounts that could not be searched, each with why (the role that could not be assumed).</summary>
    public IReadOnlyList<Problem> Unsearched { get; init; } = [];

    /// <summary>True when something stood in the way: the CLI exits 1, the Slack answer leads with it.</summary>
    public bool HasProblem => Problems.Count > 0;
}

/// <summary>Which explanation a finding carries. The words are the front ends'.</summary>
public enum Why
{
    /// <summary>No answer at all: the problems say why.</summary>
    Unanswered,
    /// <summary>A call stopped (terminated, hibernated) it: <see cref="Finding.Stop"/>.</summary>
    Stopped,
    /// <summary>Stopped by <see cref="Finding.Stop"/> and started again since (by <see cref="Finding.LastStart"/>, when known).</summary>
    RunningAgain,
    OsShutdown,
    SpotInterruption,
    ScheduledStop,
    /// <summary>CloudTrail could not be searched: the first problem says why.</summary>
    CloudTrailFailed,
    /// <summary>EC2 could not be asked and CloudTrail has nothing: the first problem says why.</summary>
    Ec2Failed,
    /// <summary>EC2 no longer knows the instance; CloudTrail has calls on it, none a stop.</summary>
    GoneFromEc2,
    NotFound,
    /// <summary>EC2 says an API call stopped it (at <see cref="Finding.StoppedAt"/>); CloudTrail has not delivered it yet.</summary>
    NotDeliveredYet,
    /// <summary>No stop in CloudTrail; EC2's <see cref="Finding.StateReasonMessage"/> is all there is.</summary>
    Ec2Reports,
    /// <summary>No stop in CloudTrail, and EC2 gives no reason beyond <see cref="Finding.State"/>.</summary>
    NoStopSeen,
}

/// <summary>An account as people know it: its 12-digit ID and the alias WHOSTOPPED_ACCOUNTS gives it.</summary>
public sealed record FindingAccount(string? Id, string? Alias)
{
    /// <summary>"prod (210987654321)", or the ID alone.</summary>
    public string Describe() => Alias is { } alias ? $"{alias} ({Id})" : Id ?? "";
}

/// <summary>Who made a CloudTrail call, reduced to what a person recognises.</summary>
public sealed record Actor(string DisplayName, string Type, string? Arn)
{
    /// <summary>Extra context: the permission set, role or service behind the name.</summary>
    public string? Detail { get; init; }
    public string? AccessKeyId { get; init; }
    public bool? Mfa { get; init; }
}

/// <summary>One state-changing call on the instance (start, stop, reboot, terminate), or a denied attempt.</summary>
public sealed record StateChange(string EventName, DateTimeOffset EventTime, Actor Actor, string? Via, string EventId)
{
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
    public string? ErrorCode { get; init; }
    /// <summary>A StopInstances that hibernated the instance.</summary>
    public bool Hibernated { get; init; }
    /// <summary>A StopInstances with force (no clean OS shutdown).</summary>
    public bool Forced { get; init; }
}
