using System.Security.Cryptography;
using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Investigation;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Slack.Rechecks;

/// <summary>Starts watching an answer that says CloudTrail has not delivered the stop yet: a pending re-check, added
/// before the answer is posted (so the summary can carry its button) and told where the summary went once it is. A
/// feed stop that wakes the entry in between is deferred by the <see cref="Rechecker"/> and run here once the summary
/// is placed, so that its update edits the summary rather than post another.</summary>
public sealed partial class AnswerWatch(
    IPendingRechecks store, IResponseUrlSeal seal, AccountDirectory accounts, RecheckScheduler rechecks,
    [FromKeyedServices(RecheckSchedule.ClockKey)] TimeProvider clock, ILogger<AnswerWatch> log)
{
    /// <summary>How long placing the summary waits for a claim it races (a deferral takes milliseconds).</summary>
    private static readonly TimeSpan ClaimPatience = TimeSpan.FromSeconds(5);

    /// <summary>EC2 says an API call stopped the instance, and CloudTrail, which answered, has not delivered it yet.</summary>
    public static bool Waits(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding is { Why: Why.NotDeliveredYet, HasProblem: false };
    }

    /// <summary>The stop turned up (or EC2 now gives another cause): the answer has changed.</summary>
    public static bool Settled(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Stop is not null || finding.Why is Why.OsShutdown or Why.SpotInterruption or Why.ScheduledStop;
    }

    /// <returns>The entry, or null when there is nothing to watch or the store is full: then the answer promises nothing.</returns>
    public async Task<PendingRecheck?> StartAsync(
        Finding finding, AwsAccount asked, string channel, string? threadTs, string? responseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (!Waits(finding))
        {
            return null;
        }

        var account = finding.Account is { } found && accounts.Find(found.Alias ?? found.Id ?? "") is { } known ? known : asked;
        var sealedUrl = responseUrl is null ? null : seal.Seal(responseUrl);
        var now = clock.GetUtcNow();
        var entry = new PendingRecheck(
            Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), finding.InstanceId, account.Name, finding.Region, channel,
            SummaryTs: null, threadTs, sealedUrl, now);
        if (await store.TryAddAsync(entry, now + RecheckSchedule.Due(0), cancellationToken))
        {
            return entry;
        }

        if (sealedUrl is not null)
        {
            seal.Discard(sealedUrl);
        }

        LogFull(finding.InstanceId);
        return null;
    }

    /// <summary>Records where the summary went: <paramref name="summaryTs"/> null when it went through the response_url.</summary>
    public async Task PostedAsync(PendingRecheck entry, string? summaryTs, string? threadTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (await ClaimAsync(entry, cancellationToken) is not { } lease)
        {
            LogNotPlaced(entry.Id);
            return;
        }

        var placed = lease.Entry with { SummaryTs = summaryTs, ThreadTs = threadTs ?? lease.Entry.ThreadTs, Placed = true, WokenEarly = false };
        await store.RescheduleAsync(lease, placed, placed.AskedAt + RecheckSchedule.Due(placed.Checks), cancellationToken);
        if (lease.Entry.WokenEarly)
        {
            rechecks.RunDeferred(entry.Id);
        }
    }

    /// <summary>The answer could not be posted at all: nothing to update.</summary>
    public async Task CancelAsync(PendingRecheck entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (await ClaimAsync(entry, cancellationToken) is { } lease)
        {
            await store.CompleteAsync(lease, cancellationToken);
        }

        if (entry.ResponseUrlSeal is { } sealedUrl)
        {
            seal.Discard(sealedUrl);
        }
    }

    /// <summary>The entry, once no other claim holds it; null when it is gone or stays held.</summary>
    private async Task<RecheckLease?> ClaimAsync(PendingRecheck entry, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ClaimPatience;
        while (true)
        {
            if (await store.ClaimAsync(entry.Id, clock.GetUtcNow(), RecheckSchedule.Lease, cancellationToken) is { } lease)
            {
                return lease;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            // Real time: the racing claim is real work, whatever clock the schedule runs on.
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-check {WatchId}: where its answer went could not be recorded (gone, or held by another check)")]
    private partial void LogNotPlaced(string watchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending re-checks are full; the answer about {InstanceId} will not update itself")]
    private partial void LogFull(string instanceId);
}

/// <summary>When re-checks happen: about 1, 2, 4, 8 and 15 minutes after the answer, and a last one at 20.</summary>
public static class RecheckSchedule
{
    /// <summary>The key of the TimeProvider the re-checks run on, so tests can drive them with a fake clock alone.</summary>
    public const string ClockKey = "rechecks";

    public static IReadOnlyList<TimeSpan> Offsets { get; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(20)];

    /// <summary>How long an answer is watched.</summary>
    public static TimeSpan WatchFor => Offsets[^1];

    /// <summary>"Check again" within this long of the last look answers from that look: CloudTrail's delay is minutes,
    /// so another LookupEvents would say the same, and would spend the account's 2 a second that questions need.</summary>
    public static readonly TimeSpan PressEvery = TimeSpan.FromSeconds(15);

    /// <summary>A claim holds an entry this long: well past a question's timeout and the posts after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>After <paramref name="checks"/> re-checks, the next is due this long after the answer.</summary>
    public static TimeSpan Due(int checks) => Offsets[Math.Min(checks, Offsets.Count - 1)];
}
