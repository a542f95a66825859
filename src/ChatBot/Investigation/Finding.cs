namespace ChatBot.Investigation;

/// <summary>The answer about one instance: everything a front end renders, and nothing that needs AWS again.
/// Serialised as-is for <c>whostopped --json</c>.</summary>
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
    /// <summary>One sentence an SRE can act on: what happened, or why we cannot tell yet.</summary>
    public string Explanation { get; init; } = "";
    public Actor? StoppedBy { get; init; }
    public string? EventId { get; init; }
    public string? EventName { get; init; }
    public DateTimeOffset? EventTime { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>How the call was made: Console, AWS CLI, Terraform, an SDK, or the AWS service.</summary>
    public string? Via { get; init; }
    public IReadOnlyList<string> AlsoStopped { get; init; } = [];

    public bool RunningAgain { get; init; }
    public StateChange? LastStart { get; init; }

    public IReadOnlyList<StateChange> History { get; init; } = [];
    public IReadOnlyList<StateChange> DeniedAttempts { get; init; } = [];
    public ConsoleLinks Links { get; init; } = new(null, null);
    /// <summary>Where the stop was found; null when no call stopped it.</summary>
    public StopSource? Source { get; init; }
    /// <summary>What the archive's Athena query scanned, when the archive was asked.</summary>
    public long? ArchiveScannedBytes { get; init; }
    /// <summary>Set when the question could not be answered; says what is missing and how to fix it.</summary>
    public string? Error { get; init; }
    /// <summary>Accounts that could not be searched, each with why (the role that could not be assumed).</summary>
    public IReadOnlyList<string> Unsearched { get; init; } = [];
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
    public string? ErrorCode { get; init; }
}
