using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Investigation;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Api;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Slack.Rechecks;

/// <summary>What made a re-check happen now.</summary>
public enum RecheckTrigger
{
    /// <summary>Its time came (1, 2, 4, 8, 15, 20 minutes): counts towards the schedule.</summary>
    Scheduled,

    /// <summary>The feed delivered a stop of the instance.</summary>
    FeedStop,

    /// <summary>Someone pressed "Check again".</summary>
    Button,
}

/// <summary>One re-check of a claimed entry: the same investigation as a question (so inside the same LookupEvents
/// budget), then the summary edited in place and a line in its thread when the stop turned up, or the entry put back
/// for its next time, or, after the last, one line saying the watch is over.</summary>
public sealed partial class Rechecker(
    IInvestigator investigator, IPendingRechecks store, IResponseUrlSeal seal, AccountDirectory accounts, ISlackApi slack, SlackUsers users,
    [FromKeyedServices(RecheckSchedule.ClockKey)] TimeProvider clock, ILogger<Rechecker> log)
{
    /// <param name="askerResponseUrl">The button's response_url, to tell the one who pressed it that nothing changed.</param>
    public async Task RunAsync(RecheckLease lease, RecheckTrigger trigger, string? askerResponseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var entry = lease.Entry;
        var now = clock.GetUtcNow();
        if (!entry.Placed && trigger != RecheckTrigger.Scheduled)
        {
            // Its answer is being posted: an update now would not know the summary to edit. AnswerWatch runs it once placed.
            await store.RescheduleAsync(lease, entry with { WokenEarly = true }, entry.AskedAt + RecheckSchedule.Due(entry.Checks), cancellationToken);
            LogDeferred(entry.Id, entry.InstanceId, trigger);
            return;
        }

        if (trigger == RecheckTrigger.Button && now - (entry.CheckedAt ?? entry.AskedAt) is var since && since < RecheckSchedule.PressEvery)
        {
            await store.RescheduleAsync(lease, entry, entry.AskedAt + RecheckSchedule.Due(entry.Checks), cancellationToken);
            await TellAsync(askerResponseUrl, RecheckNotes.LookedMomentsAgo(entry.InstanceId, since), cancellationToken);
            LogPressedSoon(entry.Id, entry.InstanceId, since);
            return;
        }

        var finding = await InvestigateAsync(entry, cancellationToken);
        if (finding is not null && AnswerWatch.Settled(finding))
        {
            await UpdateAsync(entry, finding, cancellationToken);
            await FinishAsync(lease, cancellationToken);
            LogUpdated(entry.Id, entry.InstanceId, trigger, clock.GetUtcNow() - entry.AskedAt);
            return;
        }

        var checks = entry.Checks + (trigger == RecheckTrigger.Scheduled ? 1 : 0);
        if (checks >= RecheckSchedule.Offsets.Count)
        {
            await SayAsync(entry, [RecheckNotes.GaveUp(entry.InstanceId, RecheckSchedule.WatchFor)], cancellationToken);
            await FinishAsync(lease, cancellationToken);
            LogGaveUp(entry.Id, entry.InstanceId);
            return;
        }

        // Put back before the presser hears of it, so that pressing again finds the entry free.
        await store.RescheduleAsync(lease, entry with { Checks = checks, CheckedAt = now }, entry.AskedAt + RecheckSchedule.Due(checks), cancellationToken);
        if (trigger == RecheckTrigger.Button)
        {
            await TellAsync(askerResponseUrl, RecheckNotes.StillNothing(entry.InstanceId), cancellationToken);
        }
    }

    /// <summary>Shutdown, with entries only this process holds: one line where the answer is, and the entry gone.</summary>
    public async Task AbandonAsync(RecheckLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await SayAsync(lease.Entry, [RecheckNotes.Abandoned(lease.Entry.InstanceId)], cancellationToken);
        await FinishAsync(lease, cancellationToken);
    }

    /// <summary>"Check again" on an answer no longer watched (or being checked right now), told to the one who pressed it.</summary>
    public Task TellNotWatchingAsync(string responseUrl, CancellationToken cancellationToken) => TellAsync(responseUrl, RecheckNotes.NotWatching, cancellationToken);

    /// <summary>To the one who pressed "Check again" alone.</summary>
    private async Task TellAsync(string? responseUrl, SlackMessage message, CancellationToken cancellationToken)
    {
        if (responseUrl is not null)
        {
            await slack.RespondAsync(responseUrl, message, ResponseVisibility.Ephemeral, cancellationToken);
        }
    }

    private async Task<Finding?> InvestigateAsync(PendingRecheck entry, CancellationToken cancellationToken)
    {
        var account = accounts.All.FirstOrDefault(a => a.Name == entry.Account) ?? AwsAccount.Default;
        try
        {
            var findings = await investigator.InvestigateAsync(new Question(account, [entry.InstanceId], entry.Region), cancellationToken);
            return findings.Count > 0 ? findings[0] : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Counted as "nothing yet": the next time comes all the same.
            LogFailed(entry.Id, entry.InstanceId, e);
            return null;
        }
    }

    /// <summary>Edits the bot's own summary; where there is none to edit (a response_url answer) or Slack refuses the
    /// edit, the new summary is a new post.</summary>
    private async Task UpdateAsync(PendingRecheck entry, Finding finding, CancellationToken cancellationToken)
    {
        var mentions = await users.MentionsAsync([finding], cancellationToken);
        var summary = SlackAnswer.Render(finding, mentions).Summary;
        var note = RecheckNotes.Found(finding);
        if (entry.SummaryTs is { } ts)
        {
            var updated = await slack.UpdateMessageAsync(entry.Channel, ts, summary, cancellationToken);
            if (updated.Ok)
            {
                await SayAsync(entry, [note], cancellationToken);
                return;
            }

            LogNotEdited(entry.Id, updated.Error);
        }

        await SayAsync(entry, [summary, note], cancellationToken);
    }

    /// <summary>In the answer's thread; where the bot cannot post there, through the command's response_url.</summary>
    private async Task SayAsync(PendingRecheck entry, IReadOnlyList<SlackMessage> messages, CancellationToken cancellationToken)
    {
        if (entry.ThreadTs is { } thread)
        {
            var reached = true;
            foreach (var message in messages)
            {
                var posted = await slack.PostMessageAsync(entry.Channel, message, thread, cancellationToken);
                reached = !posted.NeedsResponseUrl;
                if (!reached)
                {
                    break;
                }
            }

            if (reached)
            {
                return;
            }
        }

        if (entry.ResponseUrlSeal is { } sealedUrl && seal.Open(sealedUrl) is { } responseUrl)
        {
            foreach (var message in SlackAnswer.Combine(messages))
            {
                await slack.RespondAsync(responseUrl, message, ResponseVisibility.InChannel, cancellationToken);
            }

            return;
        }

        LogNowhere(entry.Id, entry.InstanceId);
    }

    private async Task FinishAsync(RecheckLease lease, CancellationToken cancellationToken)
    {
        await store.CompleteAsync(lease, cancellationToken);
        if (lease.Entry.ResponseUrlSeal is { } sealedUrl)
        {
            seal.Discard(sealedUrl);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {WatchId}: the stop of {InstanceId} turned up ({Trigger}) after {Waited}; answer updated")]
    private partial void LogUpdated(string watchId, string instanceId, RecheckTrigger trigger, TimeSpan waited);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {WatchId} of {InstanceId} ({Trigger}) deferred until its answer is posted")]
    private partial void LogDeferred(string watchId, string instanceId, RecheckTrigger trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {WatchId} of {InstanceId}: Check again {Since} after the last look; answered from it")]
    private partial void LogPressedSoon(string watchId, string instanceId, TimeSpan since);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-check {WatchId}: no stop of {InstanceId} after the last check; stopped watching")]
    private partial void LogGaveUp(string watchId, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-check {WatchId} of {InstanceId} failed; tried again at its next time")]
    private partial void LogFailed(string watchId, string instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-check {WatchId}: the summary could not be edited ({Error}); posting it anew")]
    private partial void LogNotEdited(string watchId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-check {WatchId} of {InstanceId}: neither the thread nor a response_url can be reached")]
    private partial void LogNowhere(string watchId, string instanceId);
}
