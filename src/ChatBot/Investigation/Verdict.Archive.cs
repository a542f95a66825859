using System.Globalization;

namespace ChatBot.Investigation;

public static partial class Verdict
{
    /// <summary>A finding that event history could not explain, completed from the trail's archive.</summary>
    public static Finding FromArchive(Finding finding, ArchivedTrail archived)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(archived);
        var scanned = $"the Athena query scanned {Size(archived.ScannedBytes)}";
        var trail = archived.Trail;
        if (trail.LastStop is not { } stop)
        {
            return finding with
            {
                ArchiveScannedBytes = archived.ScannedBytes,
                Explanation = $"{finding.Explanation} The CloudTrail archive has no stop around then either ({scanned}).",
            };
        }

        // Asked with --since about an instance that runs now: the stop found is its last one, and it was started since.
        var runningAgain = finding.State is "running" or "pending";
        return WithEvidence(finding, stop, StopSource.Archive) with
        {
            Cause = CauseOf(stop),
            RunningAgain = runningAgain,
            Explanation = $"{(runningAgain ? "Running again. Last " : "")}{(runningAgain ? Said(stop).ToLowerInvariant() : Said(stop))} by {Who(stop)} at {Time(stop.Event.EventTime)}, found in the CloudTrail archive ({scanned}).",
            History = trail.History.Take(HistoryLength).Select(Change).ToList(),
            DeniedAttempts = trail.Denied.Take(HistoryLength).Select(Change).ToList(),
            ArchiveScannedBytes = archived.ScannedBytes,
        };
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };
}
