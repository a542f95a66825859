namespace ChatBot.Investigation;

public static partial class Verdict
{
    /// <summary>A finding that event history could not explain, completed from the trail's archive.</summary>
    public static Finding FromArchive(Finding finding, ArchivedTrail archived)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(archived);
        var trail = archived.Trail;
        if (trail.LastStop is not { } stop)
        {
            return finding with { ArchiveScannedBytes = archived.ScannedBytes };
        }

        // Asked with --since about an instance that runs now: the stop found is its last one, and it was started since.
        return WithEvidence(finding, stop, StopSource.Archive) with
        {
            Cause = CauseOf(stop),
            Why = Why.Stopped,
            Truncated = false,
            RunningAgain = finding.State is "running" or "pending",
            History = trail.History.Take(HistoryLength).Select(Change).ToList(),
            DeniedAttempts = trail.Denied.Take(HistoryLength).Select(Change).ToList(),
            ArchiveScannedBytes = archived.ScannedBytes,
        };
    }
}
