using System.Text.Json;
using ChatBot.Aws;
using ChatBot.Aws.Ec2;
using ChatBot.Investigation;
using ChatBot.Slack;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Api;

namespace ChatBot.Feed.Alerts;

/// <summary>Posts one alert per stop, on whichever of its events arrives first, in the same summary-and-thread form as
/// an answer; later events of the same stop edit it (chat.update) and say in the thread what changed. Built from the
/// feed and one DescribeInstances per stop (for tags and routing), never from LookupEvents.</summary>
public sealed partial class StopAlerts(
    IEc2 ec2, IRecentEvents recent, RecentTrail trail, IAlertBook book, AlertRouter router, ISlackApi slack, TimeProvider time,
    ILogger<StopAlerts> log)
{
    /// <summary>One call can stop hundreds of instances; past this many, the rest are not announced one by one.</summary>
    public const int MaxPerEvent = 20;

    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public async Task AnnounceAsync(AwsAccount account, FeedEvent feedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedEvent);
        foreach (var instanceId in feedEvent.InstanceIds.Take(MaxPerEvent))
        {
            await AnnounceAsync(account, feedEvent, instanceId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnnounceAsync(AwsAccount account, FeedEvent feedEvent, string instanceId, CancellationToken ct)
    {
        var key = $"{account.Name}/{feedEvent.Region}/{instanceId}";
        var held = await book.LockAsync(key, ct).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            await AnnounceLockedAsync(account, feedEvent, instanceId, key, ct).ConfigureAwait(false);
        }
    }

    private async Task AnnounceLockedAsync(AwsAccount account, FeedEvent feedEvent, string instanceId, string key, CancellationToken ct)
    {
        var alert = await book.FindAsync(key, feedEvent.Time, ct).ConfigureAwait(false);
        if (alert is null)
        {
            var instance = await DescribeAsync(account, feedEvent.Region, instanceId, ct).ConfigureAwait(false);
            alert = await book.OpenAsync(key, feedEvent.Time, instance, router.ChannelFor(instance?.Tags ?? NoTags), ct).ConfigureAwait(false);
        }

        if (alert.Channel is not { } channel)
        {
            return;
        }

        var finding = await FindingAsync(account, feedEvent.Region, instanceId, alert, ct).ConfigureAwait(false);
        var answer = SlackAnswer.Render(finding);
        var summary = JsonSerializer.Serialize(answer.Summary, SlackJson.Options);
        if (alert.Ts is null)
        {
            var posted = await slack.PostMessageAsync(channel, answer.Summary, null, ct).ConfigureAwait(false);
            if (!posted.Ok || posted.Ts is null)
            {
                Failed(instanceId, channel, posted);
                return;
            }

            alert.Ts = posted.Ts;
            // Kept at once: should the rest fail, the stop's next event edits this message rather than post another.
            await book.SaveAsync(key, alert, ct).ConfigureAwait(false);
            LogPosted(instanceId, channel, feedEvent.Kind);
        }
        else if (alert.PostedSummary != summary)
        {
            var updated = await slack.UpdateMessageAsync(channel, alert.Ts, answer.Summary, ct).ConfigureAwait(false);
            if (!updated.Ok)
            {
                Failed(instanceId, channel, updated);
                return;
            }

            await slack.PostMessageAsync(channel, AlertNotes.Changed(alert.PostedFinding!, finding), alert.Ts, ct).ConfigureAwait(false);
            LogUpdated(instanceId, channel, feedEvent.Kind);
        }

        alert.PostedSummary = summary;
        alert.PostedFinding = finding;
        var threadDue = !alert.ThreadPosted && answer.Thread.Count > 0;
        alert.ThreadPosted |= threadDue;
        await book.SaveAsync(key, alert, ct).ConfigureAwait(false);
        if (threadDue)
        {
            foreach (var reply in answer.Thread)
            {
                await slack.PostMessageAsync(channel, reply, alert.Ts, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The answer's own engine (EventSearch and Verdict) over the feed's records, with EC2's state as the
    /// feed last reported it: DescribeInstances ran once, at the first event of the stop.</summary>
    private async Task<Finding> FindingAsync(AwsAccount account, string region, string instanceId, StopAlert alert, CancellationToken ct)
    {
        // Only this stop's events: yesterday's "stopped" says nothing about today's stop.
        var events = (await recent.ForInstanceAsync(account, region, instanceId, ct).ConfigureAwait(false))
            .Where(e => e.Time >= alert.FirstEvent - AlertBook.SameStop).ToList();
        var calls = await new EventSearch(trail.Alone(), time).SearchAsync(account, region, instanceId, 1, ct).ConfigureAwait(false);
        var instance = alert.Instance;
        if (events.Find(e => e.Kind == FeedKind.StateChange) is { State: { } state })
        {
            instance = (instance ?? new Ec2Instance(instanceId, region, state)) with { State = state };
        }

        if (events.Find(e => e.Kind == FeedKind.SpotWarning) is { State: { } action } && calls.LastStop is null)
        {
            // EC2 gives the reason only once the instance is down; the warning says the same two minutes earlier.
            instance = (instance ?? new Ec2Instance(instanceId, region, "running")) with
            {
                StateReasonCode = action == "terminate" ? "Server.SpotInstanceTermination" : "Server.SpotInstanceShutdown",
            };
        }

        // Labelled with the account, as an answer is, wherever more than one account is watched.
        return Verdict.For(instanceId, region, instance, calls) with { Account = account.Id is { } id ? new FindingAccount(id, account.Alias) : null };
    }

    private async Task<Ec2Instance?> DescribeAsync(AwsAccount account, string region, string instanceId, CancellationToken ct)
    {
        try
        {
            var found = await ec2.DescribeInstancesAsync(account, region, [instanceId], ct).ConfigureAwait(false);
            return found.Count > 0 ? found[0] : null;
        }
        catch (Exception e) when (e is AwsCallException or HttpRequestException or Amazon.Runtime.AmazonClientException)
        {
            // Without tags the alert still goes out (to the default channel, when no tag filter is set).
            LogDescribeFailed(instanceId, e.Message);
            return null;
        }
    }

    private void Failed(string instanceId, string channel, PostResult result)
    {
        LogNotPosted(instanceId, channel, result.Error);
        // Slack's trouble passing (rate limit, 5xx, no answer) is worth a redelivery; a channel the bot cannot reach is not.
        if (result.Error is "no_response" or "ratelimited" || result.Error?.StartsWith("http_", StringComparison.Ordinal) == true)
        {
            throw new AlertNotPostedException(result.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert about {InstanceId} posted to {Channel} on its {Kind} event")]
    private partial void LogPosted(string instanceId, string channel, FeedKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert about {InstanceId} in {Channel} updated on its {Kind} event")]
    private partial void LogUpdated(string instanceId, string channel, FeedKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert about {InstanceId} could not be posted to {Channel}: {Error}")]
    private partial void LogNotPosted(string instanceId, string channel, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DescribeInstances for the alert about {InstanceId} failed: {Error}")]
    private partial void LogDescribeFailed(string instanceId, string error);
}

/// <summary>Slack could not take the alert for now; the feed message is left on the queue to be delivered again.</summary>
public sealed class AlertNotPostedException(string? error) : Exception($"Slack did not take the alert ({error}).");
