using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Api;

/// <summary>Slack users by email, so that an answer can mention the person behind a stop. Hits are remembered for an
/// hour and misses for ten minutes; while Slack rate-limits the lookups none are made. Nothing here can fail or hold up
/// an answer: when Slack cannot say, the answer names the person by email alone.</summary>
public sealed class SlackUsers(ISlackApi slack, IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<SlackUsers> log)
{
    public static readonly TimeSpan FoundFor = TimeSpan.FromHours(1);
    public static readonly TimeSpan NotFoundFor = TimeSpan.FromMinutes(10);

    /// <summary>An answer waits at most this long for a mention.</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Past this many addresses the memory starts afresh; a workspace's on-call crowd is far smaller.</summary>
    public const int MaxRemembered = 10_000;

    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Remembered> known = new(StringComparer.OrdinalIgnoreCase);
    private long quietUntilTicks;

    /// <summary>The Slack users behind the emails that stopped these instances, looked up together; whoever Slack
    /// does not know (or cannot say right now) is named by email alone.</summary>
    public async Task<Answers.Mentions> MentionsAsync(IEnumerable<Investigation.Finding> findings, CancellationToken cancellationToken)
    {
        var emails = findings.Select(f => Answers.Mentions.EmailOf(f.Stop?.Actor)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ids = await Task.WhenAll(emails.Select(email => UserIdAsync(email, cancellationToken)));
        return new Answers.Mentions(emails.Zip(ids).Where(p => p.Second is not null)
            .ToDictionary(p => p.First, p => p.Second!, StringComparer.OrdinalIgnoreCase));
    }

    /// <returns>The Slack user ID for <paramref name="email"/>, or null when there is none, mentions are switched off
    /// (WHOSTOPPED_MENTION_ACTORS=false), or Slack cannot say right now.</returns>
    public async Task<string?> UserIdAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var now = time.GetUtcNow();
        if (!options.CurrentValue.MentionActors)
        {
            return null;
        }

        if (known.TryGetValue(email, out var remembered) && remembered.Until > now)
        {
            return remembered.UserId;
        }

        if (now.UtcTicks < Interlocked.Read(ref quietUntilTicks))
        {
            return null;
        }

        UserLookup lookup;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(LookupTimeout);
            try
            {
                lookup = await slack.LookupUserByEmailAsync(email, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lookup = new UserLookup(null, "timeout");
            }
        }

        return Learn(email, lookup, now);
    }

    private string? Learn(string email, UserLookup lookup, DateTimeOffset now)
    {
        if (lookup.IsAnswer)
        {
            if (known.Count >= MaxRemembered)
            {
                known.Clear();
            }

            known[email] = new Remembered(lookup.UserId, now + (lookup.UserId is null ? NotFoundFor : FoundFor));
            return lookup.UserId;
        }

        switch (lookup.Error)
        {
            case UserLookup.RateLimited:
                Interlocked.Exchange(ref quietUntilTicks, (now + (lookup.RetryAfter ?? DefaultRateLimitWait)).UtcTicks);
                log.LogInformation("users.lookupByEmail is rate limited; answers name people by email for {Wait}", lookup.RetryAfter ?? DefaultRateLimitWait);
                break;
            case "missing_scope" or "not_allowed_token_type" or "no_permission":
            case var error when PostResult.IsTokenError(error):
                // No address can be looked up until the app is fixed: ask again in ten minutes, not for every answer.
                Interlocked.Exchange(ref quietUntilTicks, (now + NotFoundFor).UtcTicks);
                log.LogWarning("users.lookupByEmail refused ({Error}): the app needs the users:read and users:read.email scopes " +
                    "(reinstall it from the manifest) to mention people; answers name them by email", lookup.Error);
                break;
            default:
                log.LogInformation("users.lookupByEmail could not answer ({Error}); the email stands alone", lookup.Error);
                break;
        }

        return null;
    }

    private sealed record Remembered(string? UserId, DateTimeOffset Until);
}
