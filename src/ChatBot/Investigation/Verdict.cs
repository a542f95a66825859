using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Aws.Ec2;

namespace ChatBot.Investigation;

/// <summary>Combines what EC2 says now with what CloudTrail recorded into one <see cref="Finding"/>. Pure: no I/O.</summary>
public static partial class Verdict
{
    public const int HistoryLength = 5;

    /// <summary>How far CloudTrail's event time may sit before EC2's own stop time and still be that stop.</summary>
    private static readonly TimeSpan SameStop = TimeSpan.FromMinutes(15);

    public static Finding For(string instanceId, string? region, Ec2Instance? instance, EventTrail trail, Problems? problems = null)
    {
        problems ??= Problems.None;
        var lastStop = trail.LastStop;
        var stoppedAt = StoppedAt(instance?.StateTransitionReason);
        var lastStart = lastStop is null ? null
            : trail.History.FirstOrDefault(e => e.Event.EventName == "StartInstances" && e.Event.EventTime > lastStop.Event.EventTime);
        var runningAgain = lastStop is not null && instance?.State is "running" or "pending";

        // A stopped instance whose latest stop in CloudTrail was followed by a start, or predates EC2's stop time, was
        // stopped again since: that stop has not been delivered yet, and the one found is history, not the answer.
        var stale = lastStop is not null && !runningAgain && (lastStart is not null || stoppedAt > lastStop.Event.EventTime + SameStop);
        var stop = stale ? null : lastStop;
        var (cause, explanation) = Explain(instanceId, instance, stop, stoppedAt, runningAgain, lastStart, problems, sawOtherCalls: !trail.IsEmpty);

        // Only a stop that explains the cause is evidence: after an OS shutdown an older API stop is history, not the caller.
        var evidence = cause == StopCause.Api || (cause == StopCause.Spot && stop?.Event.EventName == "BidEvictedEvent") ? stop : null;
        if (stop is null && trail.Truncated && cause == StopCause.Unknown && problems.CloudTrail is null)
        {
            explanation += " (Only the most recent events were read: raise WHOSTOPPED_MAX_PAGES to look further back.)";
        }

        var tags = instance?.Tags ?? new Dictionary<string, string>();

        var finding = new Finding
        {
            InstanceId = instanceId,
            Region = region,
            Found = instance is not null,
            State = instance?.State,
            StateReasonCode = instance?.StateReasonCode,
            StateReasonMessage = instance?.StateReasonMessage,
            StoppedAt = stoppedAt,
            InstanceName = tags.GetValueOrDefault("Name"),
            Tags = tags,
            InstanceType = instance?.InstanceType,
            AvailabilityZone = instance?.AvailabilityZone,
            LaunchTime = instance?.LaunchTime,
            SchedulerLastAction = tags.GetValueOrDefault("InstanceScheduler-LastAction"),
            Cause = cause,
            Explanation = explanation,
            RunningAgain = runningAgain,
            LastStart = runningAgain && lastStart is not null ? Change(lastStart) : null,
            History = trail.History.Take(HistoryLength).Select(Change).ToList(),
            DeniedAttempts = trail.Denied.Take(HistoryLength).Select(Change).ToList(),
            Links = ConsoleLinks.For(region, instanceId, null),
            Error = problems.Ec2 is null && problems.CloudTrail is null ? null : string.Join(" ", new[] { problems.CloudTrail, problems.Ec2 }.OfType<string>().Distinct()),
        };
        return evidence is null ? finding : WithEvidence(finding, evidence, StopSource.EventHistory);
    }

    private static (StopCause, string) Explain(
        string id, Ec2Instance? instance, TrailEntry? stop, DateTimeOffset? stoppedAt, bool runningAgain, TrailEntry? lastStart, Problems problems, bool sawOtherCalls)
    {
        if (runningAgain)
        {
            var started = lastStart is null ? "It has been started again since." : $"{Who(lastStart)} started it again at {Time(lastStart.Event.EventTime)}.";
            return (CauseOf(stop!), $"Running again. {Who(stop!)} last stopped it at {Time(stop!.Event.EventTime)}. {started}");
        }

        switch (instance?.StateReasonCode)
        {
            case "Client.InstanceInitiatedShutdown":
                return (StopCause.OsShutdown, "Shut down from inside the instance's operating system (e.g. `shutdown -h` or a script), so there is no API call to find.");
            case "Server.SpotInstanceShutdown" or "Server.SpotInstanceTermination":
                return (StopCause.Spot, "Spot interruption: EC2 reclaimed the Spot capacity. No person stopped it.");
            case "Server.ScheduledStop":
                return (StopCause.Scheduled, "Stopped by AWS for a scheduled event (instance retirement or maintenance).");
        }

        if (stop is not null)
        {
            return (CauseOf(stop), $"{Said(stop)} by {Who(stop)} at {Time(stop.Event.EventTime)}.");
        }

        if (problems.CloudTrail is not null)
        {
            return (StopCause.Unknown, $"Who stopped it is still unknown: CloudTrail could not be searched. {problems.CloudTrail}");
        }

        if (instance is null && problems.Ec2 is not null)
        {
            return (StopCause.Unknown, $"Could not look the instance up in EC2, and CloudTrail has no state changes for it. {problems.Ec2}");
        }

        if (instance is null && sawOtherCalls)
        {
            return (StopCause.Unknown, $"No instance {id} exists in EC2 now, and CloudTrail shows no stop of it in the last 90 days: only the calls in the details.");
        }

        if (instance is null)
        {
            return (StopCause.Unknown, $"No instance {id} was found, and CloudTrail has no state changes for it in the last 90 days. Check the ID, the account and the region.");
        }

        if (instance.StateReasonCode is "Client.UserInitiatedShutdown" || instance.State is "stopped" or "stopping" or "terminated" or "shutting-down")
        {
            var when = stoppedAt is null ? "" : $" at {Time(stoppedAt.Value)}";
            return (StopCause.Unknown, $"EC2 says it was stopped{when} by an API call, but CloudTrail has no event for it yet. "
                + "CloudTrail can deliver events 5 to 15 minutes late: ask again shortly.");
        }

        return instance.StateReasonMessage is { Length: > 0 } reason
            ? (StopCause.Unknown, $"EC2 reports: {reason}. CloudTrail shows no stop in the last 90 days.")
            : (StopCause.Unknown, $"It is {instance.State}, and CloudTrail shows no stop in the last 90 days.");
    }

    /// <summary>The stop's caller, call and links on a finding: where the answer came from is <paramref name="source"/>.</summary>
    private static Finding WithEvidence(Finding finding, TrailEntry stop, StopSource source) => finding with
    {
        StoppedBy = ActorName.From(stop.Record),
        EventId = stop.Event.EventId,
        EventName = stop.Event.EventName,
        EventTime = stop.Event.EventTime,
        SourceIp = stop.Record.SourceIpAddress,
        UserAgent = stop.Record.UserAgent,
        Via = Via(stop),
        AlsoStopped = stop.Record.InstanceIds.Where(i => !i.Equals(finding.InstanceId, StringComparison.OrdinalIgnoreCase)).ToList(),
        Links = ConsoleLinks.For(finding.Region, finding.InstanceId, stop.Event.EventId),
        Source = source,
    };

    private static string Said(TrailEntry stop) =>
        stop.Event.EventName == "TerminateInstances" ? "Terminated" : stop.Record.Hibernated ? "Hibernated" : "Stopped";

    private static StopCause CauseOf(TrailEntry stop) => stop.Event.EventName == "BidEvictedEvent" ? StopCause.Spot : StopCause.Api;

    private static string Who(TrailEntry entry) => ActorName.From(entry.Record).DisplayName;

    private static string? Via(TrailEntry entry) => CallChannel.From(entry.Record);

    private static StateChange Change(TrailEntry entry) =>
        new(entry.Event.EventName, entry.Event.EventTime, ActorName.From(entry.Record), Via(entry), entry.Event.EventId)
        {
            SourceIp = entry.Record.SourceIpAddress,
            ErrorCode = entry.Record.ErrorCode,
        };

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"User initiated (2026-11-20 10:03:12 GMT)" → that instant.</summary>
    public static DateTimeOffset? StoppedAt(string? transitionReason) =>
        transitionReason is not null && TransitionTime().Match(transitionReason) is { Success: true } m
        && DateTimeOffset.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at : null;

    /// <summary>What went wrong on the way, as sentences; null where that side answered.</summary>
    public sealed record Problems(string? Ec2, string? CloudTrail)
    {
        public static Problems None { get; } = new(null, null);
    }

    [GeneratedRegex(@"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) GMT\)", RegexOptions.CultureInvariant)]
    private static partial Regex TransitionTime();
}
