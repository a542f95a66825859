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
        var (cause, why) = Explain(instance, stop, runningAgain, problems, sawOtherCalls: !trail.IsEmpty);

        // Only a stop that explains the cause is evidence: after an OS shutdown an older API stop is history, not the caller.
        var evidence = cause == StopCause.Api || (cause == StopCause.Spot && stop?.Event.EventName == "BidEvictedEvent") ? stop : null;
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
            Why = why,
            Truncated = stop is null && trail.Truncated && cause == StopCause.Unknown && problems.CloudTrail is null,
            RunningAgain = runningAgain,
            LastStart = runningAgain && lastStart is not null ? Change(lastStart) : null,
            History = trail.History.Take(HistoryLength).Select(Change).ToList(),
            DeniedAttempts = trail.Denied.Take(HistoryLength).Select(Change).ToList(),
            Links = ConsoleLinks.For(region, instanceId, null),
            Problems = new[] { problems.CloudTrail, problems.Ec2 }.OfType<Problem>().ToList(),
        };
        return evidence is null ? finding : WithEvidence(finding, evidence, evidence.Event.FromFeed ? StopSource.Feed : StopSource.EventHistory);
    }

    private static (StopCause, Why) Explain(Ec2Instance? instance, TrailEntry? stop, bool runningAgain, Problems problems, bool sawOtherCalls)
    {
        if (runningAgain)
        {
            return (CauseOf(stop!), Why.RunningAgain);
        }

        switch (instance?.StateReasonCode)
        {
            case "Client.InstanceInitiatedShutdown":
                return (StopCause.OsShutdown, Why.OsShutdown);
            case "Server.SpotInstanceShutdown" or "Server.SpotInstanceTermination":
                return (StopCause.Spot, Why.SpotInterruption);
            case "Server.ScheduledStop":
                return (StopCause.Scheduled, Why.ScheduledStop);
        }

        var why = (stop, instance) switch
        {
            ({ }, _) => Why.Stopped,
            _ when problems.CloudTrail is not null => Why.CloudTrailFailed,
            (_, null) when problems.Ec2 is not null => Why.Ec2Failed,
            (_, null) when sawOtherCalls => Why.GoneFromEc2,
            (_, null) => Why.NotFound,
            (_, { } known) when known.StateReasonCode is "Client.UserInitiatedShutdown" || known.State is "stopped" or "stopping" or "terminated" or "shutting-down" => Why.NotDeliveredYet,
            (_, { StateReasonMessage.Length: > 0 }) => Why.Ec2Reports,
            _ => Why.NoStopSeen,
        };
        return (stop is null ? StopCause.Unknown : CauseOf(stop), why);
    }

    /// <summary>The stop's call and links on a finding: where the answer came from is <paramref name="source"/>.</summary>
    private static Finding WithEvidence(Finding finding, TrailEntry stop, StopSource source) => finding with
    {
        Stop = Change(stop),
        AlsoStopped = stop.Record.InstanceIds.Where(i => !i.Equals(finding.InstanceId, StringComparison.OrdinalIgnoreCase)).ToList(),
        Links = ConsoleLinks.For(finding.Region, finding.InstanceId, stop.Event.EventId),
        Source = source,
    };

    private static StopCause CauseOf(TrailEntry stop) => stop.Event.EventName == "BidEvictedEvent" ? StopCause.Spot : StopCause.Api;

    private static StateChange Change(TrailEntry entry) =>
        new(entry.Event.EventName, entry.Event.EventTime, ActorName.From(entry.Record), CallChannel.From(entry.Record), entry.Event.EventId)
        {
            SourceIp = entry.Record.SourceIpAddress,
            UserAgent = entry.Record.UserAgent,
            ErrorCode = entry.Record.ErrorCode,
            Hibernated = entry.Record.Hibernated,
            Forced = entry.Record.Forced,
        };

    /// <summary>"User initiated (2026-11-20 10:03:12 GMT)" → that instant.</summary>
    public static DateTimeOffset? StoppedAt(string? transitionReason) =>
        transitionReason is not null && TransitionTime().Match(transitionReason) is { Success: true } m
        && DateTimeOffset.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at : null;

    /// <summary>What went wrong on the way; null where that side answered.</summary>
    public sealed record Problems(Problem? Ec2, Problem? CloudTrail)
    {
        public static Problems None { get; } = new(null, null);
    }

    [GeneratedRegex(@"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) GMT\)", RegexOptions.CultureInvariant)]
    private static partial Regex TransitionTime();
}
