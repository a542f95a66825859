using ChatBot.Slack.Answers;

namespace ChatBot.Slack.Api;

/// <summary>The ways the bot speaks: the Web API's chat.postMessage and chat.update, and a slash command's response_url.</summary>
public interface ISlackApi
{
    /// <param name="threadTs">Post as a reply in this thread; null posts top-level.</param>
    Task<PostResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken);

    /// <summary>chat.update: replaces the bot's own message <paramref name="ts"/> in <paramref name="channel"/>.</summary>
    Task<PostResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken);

    /// <summary>Posts in the command's channel through its response_url (at most five times per command), for everyone
    /// or only for the person who typed the command.</summary>
    Task<bool> RespondAsync(string responseUrl, SlackMessage message, ResponseVisibility visibility, CancellationToken cancellationToken);

    /// <summary>users.lookupByEmail, tried once: the caller would rather do without than wait.</summary>
    Task<UserLookup> LookupUserByEmailAsync(string email, CancellationToken cancellationToken);
}

/// <summary>What Slack said about an email address.</summary>
/// <param name="UserId">The Slack user's ID on a hit; null otherwise.</param>
/// <param name="Error">Slack's error code on a miss (users_not_found, missing_scope, ratelimited…), or a short reason
/// when Slack never answered.</param>
/// <param name="RetryAfter">On a rate limit, how long Slack asked the bot to wait.</param>
public sealed record UserLookup(string? UserId, string? Error, TimeSpan? RetryAfter = null)
{
    public const string NotFound = "users_not_found";
    public const string RateLimited = "ratelimited";

    /// <summary>An answer about the address itself (found or not), as opposed to Slack being unable to say.</summary>
    public bool IsAnswer => UserId is not null || Error == NotFound;
}

/// <param name="Ts">The posted message's timestamp: the thread_ts for replies under it.</param>
/// <param name="Error">Slack's error code, e.g. not_in_channel, or a short reason when Slack never answered.</param>
public sealed record PostResult(bool Ok, string? Ts, string? Error)
{
    /// <summary>The bot is not a member of the channel or DM, so only the command's response_url can answer there.</summary>
    public bool CannotReachChannel => Error is "not_in_channel" or "channel_not_found";

    /// <summary>Slack refused the bot token itself: no Web API call can succeed until SLACK_BOT_TOKEN is fixed.</summary>
    public bool TokenRefused => IsTokenError(Error);

    /// <summary>Only a command's response_url, which needs no token and no membership, can still answer.</summary>
    public bool NeedsResponseUrl => CannotReachChannel || TokenRefused;

    public static bool IsTokenError(string? error) =>
        error is "invalid_auth" or "not_authed" or "token_revoked" or "token_expired" or "account_inactive";
}

/// <summary>Slack's response_type for response_url messages.</summary>
public enum ResponseVisibility
{
    InChannel,
    Ephemeral,
}
