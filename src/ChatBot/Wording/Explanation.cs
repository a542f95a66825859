using System.Globalization;
using ChatBot.Investigation;

namespace ChatBot.Wording;

/// <summary>The one sentence an SRE can act on, for the CLI's text and --json, the Slack answer and the sandbox alike:
/// what happened, or why we cannot tell yet. Plain text; a renderer escapes or marks it up as it needs.</summary>
public static class Explanation
{
    public static string Of(Finding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var text = Base(f);
        if (f.Truncated)
        {
            text += " (Only the most recent events were read: raise WHOSTOPPED_MAX_PAGES to look further back.)";
        }

        if (f.ArchiveScannedBytes is { } scanned && f.Source != StopSource.Archive)
        {
            text += $" The CloudTrail archive has no stop around then either ({Scanned(scanned)}).";
        }

        if (f.Why != Why.Unanswered)
        {
            text = string.Concat(f.Problems.Where(p => p.Kind == ProblemKind.ArchiveUnsearchable).Select(p => " " + ProblemText.Of(p)).Prepend(text));
        }

        return text;
    }

    /// <summary>What a call did to the instance, as a past participle: "terminated", "rebooted", "stopped".</summary>
    public static string Verb(string? eventName) => eventName switch
    {
        "TerminateInstances" => "terminated",
        "RebootInstances" => "rebooted",
        _ => "stopped",
    };

    /// <summary>An instant in UTC, as the CLI and the explanations write it.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Base(Finding f) => f.Why switch
    {
        Why.Stopped when f.Stop is { } stop && f.Source == StopSource.Archive =>
            $"{(f.RunningAgain ? "Running again. Last " + Said(stop).ToLowerInvariant() : Said(stop))} by {stop.Actor.DisplayName} at {Time(stop.EventTime)}, found in the CloudTrail archive ({Scanned(f.ArchiveScannedBytes ?? 0)}).",
        Why.Stopped when f.Stop is { } stop => $"{Said(stop)} by {stop.Actor.DisplayName} at {Time(stop.EventTime)}.",
        Why.RunningAgain when f.Stop is { } stop =>
            $"Running again. {stop.Actor.DisplayName} last stopped it at {Time(stop.EventTime)}. "
            + (f.LastStart is { } start ? $"{start.Actor.DisplayName} started it again at {Time(start.EventTime)}." : "It has been started again since."),
        Why.OsShutdown => "Shut down from inside the instance's operating system (e.g. `shutdown -h` or a script), so there is no API call to find.",
        Why.SpotInterruption => "Spot interruption: EC2 reclaimed the Spot capacity. No person stopped it.",
        Why.ScheduledStop => "Stopped by AWS for a scheduled event (instance retirement or maintenance).",
        Why.CloudTrailFailed => $"Who stopped it is still unknown: CloudTrail could not be searched. {First(f)}",
        Why.Ec2Failed => $"Could not look the instance up in EC2, and CloudTrail has no state changes for it. {First(f)}",
        Why.GoneFromEc2 => $"No instance {f.InstanceId} exists in EC2 now, and CloudTrail shows no stop of it in the last 90 days: only the calls in the details.",
        Why.NotFound when f.UnansweredRegions.Count > 0 =>
            $"No instance {f.InstanceId} was found elsewhere, but EC2 in {string.Join(", ", f.UnansweredRegions)} could not answer, and CloudTrail "
            + "there has no state changes for it in the last 90 days. It may be there: ask again in a minute.",
        Why.NotFound => $"No instance {f.InstanceId} was found, and CloudTrail has no state changes for it in the last 90 days. Check the ID, the account and the region.",
        Why.NotDeliveredYet => $"EC2 says it was stopped{(f.StoppedAt is { } at ? " at " + Time(at) : "")} by an API call, but CloudTrail has no event for it yet. "
            + "CloudTrail can deliver events 5 to 15 minutes late: ask again shortly.",
        Why.Ec2Reports => $"EC2 reports: {f.StateReasonMessage}. CloudTrail shows no stop in the last 90 days.",
        Why.NoStopSeen => $"It is {f.State}, and CloudTrail shows no stop in the last 90 days.",
        _ => ProblemText.Error(f) ?? "",
    };

    private static string Said(StateChange stop) =>
        (stop.EventName != "TerminateInstances" && stop.Hibernated ? "Hibernated" : Capitalised(Verb(stop.EventName)))
        + (stop.Forced ? " with force" : "");

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string First(Finding f) => f.Problems.Count > 0 ? ProblemText.Of(f.Problems[0]) : "";

    private static string Scanned(long bytes) => "the Athena query scanned " + bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };
}
