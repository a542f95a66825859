namespace ChatBot.Slack.Rechecks;

/// <summary>Answers still waiting for CloudTrail, each to be checked again later. Shaped for a shared store: entries
/// are plain records keyed by <see cref="PendingRecheck.Id"/>, their due time is a sorted score, and work is taken with
/// an atomic claim that holds a lease. A replica that dies while holding a lease loses it when the lease expires, and
/// another replica's claim takes the entry over. In memory by default (<see cref="InMemoryPendingRechecks"/>).</summary>
public interface IPendingRechecks
{
    /// <summary>True when the entries outlive this process (a shared store): shutdown then leaves them to another
    /// replica instead of abandoning them.</summary>
    bool Durable { get; }

    /// <summary>Adds an entry due at <paramref name="due"/>.</summary>
    /// <returns>False when the store is full (or already holds the ID): the answer must not promise to update.</returns>
    ValueTask<bool> TryAddAsync(PendingRecheck entry, DateTimeOffset due, CancellationToken cancellationToken);

    /// <summary>Atomically takes the entry with the earliest due time at or before <paramref name="now"/>, including
    /// one whose lease has expired, and leases it until <paramref name="now"/> + <paramref name="lease"/>.</summary>
    /// <returns>Null when nothing is due.</returns>
    ValueTask<RecheckLease?> ClaimNextDueAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Takes one entry now, whenever it is due (the feed saw the stop, someone pressed "Check again").</summary>
    /// <returns>Null when there is no such entry, or another claim holds an unexpired lease on it.</returns>
    ValueTask<RecheckLease?> ClaimAsync(string id, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Removes a claimed entry: its answer was updated, or it was given up.</summary>
    /// <returns>False when the lease had been lost (expired and taken by another claim): that claim now owns the entry.</returns>
    ValueTask<bool> CompleteAsync(RecheckLease lease, CancellationToken cancellationToken);

    /// <summary>Puts a claimed entry back, replaced by <paramref name="entry"/> (same ID), due at <paramref name="due"/>,
    /// and ends the lease.</summary>
    /// <returns>False when the lease had been lost.</returns>
    ValueTask<bool> RescheduleAsync(RecheckLease lease, PendingRecheck entry, DateTimeOffset due, CancellationToken cancellationToken);

    /// <summary>The IDs of the entries waiting for a stop of this instance in this account.</summary>
    ValueTask<IReadOnlyList<string>> WatchingAsync(string account, string instanceId, CancellationToken cancellationToken);
}

/// <summary>One answer waiting for CloudTrail. Plain, serialisable data: no closures, and no response_url in clear
/// (<see cref="ResponseUrlSeal"/> is what <see cref="IResponseUrlSeal"/> made of it).</summary>
/// <param name="Id">Random and unguessable: it rides in the "Check again" button's value.</param>
/// <param name="Account">The <see cref="Aws.AwsAccount.Name"/> the instance was found in.</param>
/// <param name="Region">The region it was found in; null searches as a new question would.</param>
/// <param name="Channel">Where the answer is.</param>
/// <param name="SummaryTs">The summary the bot posted, to edit with chat.update; null when it went through a response_url.</param>
/// <param name="ThreadTs">Where to say what changed: the summary's thread, or the thread the question was asked in.</param>
/// <param name="ResponseUrlSeal">A slash command's response_url, sealed; the way to post where the bot is not a member.</param>
/// <param name="AskedAt">When the answer first said CloudTrail had not delivered the stop: the re-checks count from here.</param>
/// <param name="Checks">Re-checks made so far.</param>
/// <param name="CheckedAt">When CloudTrail was last asked; null until the first re-check (the answer asked at <paramref name="AskedAt"/>).</param>
/// <param name="Placed">The answer has been posted and the entry knows where (<paramref name="SummaryTs"/>, <paramref name="ThreadTs"/>).</param>
/// <param name="WokenEarly">A feed stop or a press came before it was placed: its check runs once it is.</param>
public sealed record PendingRecheck(
    string Id, string InstanceId, string Account, string? Region, string Channel, string? SummaryTs, string? ThreadTs,
    string? ResponseUrlSeal, DateTimeOffset AskedAt, int Checks = 0, DateTimeOffset? CheckedAt = null, bool Placed = false, bool WokenEarly = false);

/// <summary>A claimed entry. <paramref name="Token"/> tells this claim from a later one after the lease expired.</summary>
public sealed record RecheckLease(PendingRecheck Entry, string Token, DateTimeOffset Until);

/// <summary>Keeps a response_url out of stored entries. In memory by default: the seal is a random handle and the URL
/// never leaves the process; a shared store can seal by encrypting instead, so that another replica can open it.</summary>
public interface IResponseUrlSeal
{
    string Seal(string responseUrl);

    /// <returns>Null when the seal is unknown here (another process made it, or it was discarded).</returns>
    string? Open(string seal);

    void Discard(string seal);
}
