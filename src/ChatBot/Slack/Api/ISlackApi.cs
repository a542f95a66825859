using ChatBot.Slack.Answers;

namespace ChatBot.Slack.Api;

/// <summary>The two ways the bot speaks: the Web API's chat.postMessage, and a slash command's response_url.</summary>
public interface ISlackApi
{
    /// <param name="threadTs">Post as a reply in this thread; null posts top-level.</param>
    Task<PostResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken);

    /// <summary>Posts visibly in the command's channel through its response_url (at most five times per command).</summary>
    Task<bool> RespondAsync(string responseUrl, SlackMessage message, CancellationToken cancellationToken);
}

/// <param name="Ts">The posted message's timestamp: the thread_ts for replies under it.</param>
/// <param name="Error">Slack's error code, e.g. not_in_channel, or a short reason when Slack never answered.</param>
public sealed record PostResult(bool Ok, string? Ts, string? Error)
{
    /// <summary>The bot is not a member of the channel or DM, so only the command's response_url can answer there.</summary>
    public bool CannotReachChannel => Error is "not_in_channel" or "channel_not_found";
}
