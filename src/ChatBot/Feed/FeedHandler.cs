using System.Text;
using ChatBot.Feed.Alerts;
using ChatBot.Feed.Queue;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Rechecks;
using Microsoft.Extensions.Options;

namespace ChatBot.Feed;

/// <summary>One queue message: parsed, recognised when it is a duplicate (by EventBridge ID and by CloudTrail eventID),
/// kept among the recent events and, for a stop, announced. At-least-once delivery means every step may see the same
/// event again; none of them says anything twice. An event is claimed while it is handled and remembered once it has
/// been: the claim lapses in half the delivery's visibility timeout, so that when a replica dies mid-handling, the
/// message SQS delivers again is handled by another replica instead of being taken for a repeat.</summary>
public sealed partial class FeedHandler(
    ISeenEvents seen, IRecentEvents recent, IFeedAccounts accounts, StopAlerts alerts, RecheckScheduler rechecks, IOptions<FeedOptions> options,
    ILogger<FeedHandler> log)
{
    /// <summary>Enough of a bad body to recognise it in the log, too little to hold a credential.</summary>
    internal const int PrefixLength = 32;

    public async Task<FeedOutcome> HandleAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parsed = FeedParser.Parse(message.Body);
        if (parsed.IsMalformed)
        {
            LogMalformed(message.MessageId, message.Body.Length, Prefix(message.Body), parsed.Problem, message.ReceiveCount);
            return FeedOutcome.Malformed;
        }

        if (parsed.Value is not { } feedEvent)
        {
            LogIgnored(message.MessageId, parsed.Problem);
            return FeedOutcome.Ignored;
        }

        var keys = new List<string> { "feed:" + feedEvent.Id };
        if (feedEvent.TrailEventId is { } trailId)
        {
            // The same CloudTrail call can reach the queue twice as two EventBridge events (two rules, a forwarder and a local rule).
            keys.Add("trail:" + trailId);
        }

        var taken = new List<string>();
        try
        {
            foreach (var key in keys)
            {
                if (!await seen.ClaimAsync(key, message.HeldFor / 2, cancellationToken).ConfigureAwait(false))
                {
                    LogDuplicate(message.MessageId, feedEvent.Kind, key.Split(':')[0]);
                    await ForgetAsync(taken).ConfigureAwait(false);
                    // Only the other delivery may say it: a half-seen event is forgotten again so that it is not lost.
                    return FeedOutcome.Duplicate;
                }

                taken.Add(key);
            }

            var account = accounts.Resolve(feedEvent.AccountId);
            await recent.AddAsync(account, feedEvent, cancellationToken).ConfigureAwait(false);
            if (feedEvent is { Kind: FeedKind.ApiCall, IsStop: true })
            {
                // Answers still waiting for this stop are checked now: LookupEvents, with the feed in front, has it.
                foreach (var instanceId in feedEvent.InstanceIds)
                {
                    await rechecks.StopSeenAsync(account.Name, instanceId, cancellationToken).ConfigureAwait(false);
                }
            }

            if (feedEvent.IsStop && options.Value.AlertsOn)
            {
                await alerts.AnnounceAsync(account, feedEvent, cancellationToken).ConfigureAwait(false);
            }

            foreach (var key in taken)
            {
                await seen.HandledAsync(key, CancellationToken.None).ConfigureAwait(false);
            }

            return FeedOutcome.Handled;
        }
        catch
        {
            // Not handled: its next delivery must count as the first.
            await ForgetAsync(taken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task ForgetAsync(List<string> keys)
    {
        foreach (var key in keys)
        {
            await seen.ForgetAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The start of the body with anything token-like (a long run of letters and digits) masked.</summary>
    internal static string Prefix(string body)
    {
        var text = new StringBuilder();
        var run = 0;
        foreach (var c in body.AsSpan(0, Math.Min(body.Length, PrefixLength)))
        {
            run = char.IsAsciiLetterOrDigit(c) ? run + 1 : 0;
            text.Append(char.IsControl(c) ? ' ' : run > 8 ? '*' : c);
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed message {MessageId} is malformed ({Problem}): {Length} characters starting {Prefix}; receive {ReceiveCount}, left for the dead-letter queue")]
    private partial void LogMalformed(string messageId, int length, string prefix, string? problem, int receiveCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed message {MessageId} ignored: {Why}")]
    private partial void LogIgnored(string messageId, string? why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed message {MessageId} ({Kind}) is a duplicate by its {Key} ID")]
    private partial void LogDuplicate(string messageId, FeedKind kind, string key);
}

public enum FeedOutcome
{
    Handled,
    Duplicate,
    Ignored,
    Malformed,
}

/// <summary>Which account a feed event's 12-digit <c>account</c> is, as the engine names accounts.</summary>
public interface IFeedAccounts
{
    Aws.AwsAccount Resolve(string accountId);
}

/// <summary>The event's account as WHOSTOPPED_ACCOUNTS names it. With no accounts configured every event is the
/// credentials' own (or forwarded to it). An account the list does not name is still alerted on, labelled with its ID
/// and read with the bot's own credentials (which may see nothing there).</summary>
public sealed class DirectoryFeedAccounts(Aws.Accounts.AccountDirectory accounts) : IFeedAccounts
{
    public Aws.AwsAccount Resolve(string accountId)
    {
        if (!accounts.AreMany)
        {
            return Aws.AwsAccount.Default;
        }

        return accounts.Find(accountId) is { Id: not null } known && known.Id == accountId
            ? known
            : new Aws.AwsAccount(accountId) { Id = accountId };
    }
}
