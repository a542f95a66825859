using ChatBot.Investigation;

namespace ChatBot.Slack.Answers;

/// <summary>The bot's short lines: usage, refusals, progress. Anything echoed from the asker is escaped.</summary>
public static class Replies
{
    public const string Command = Handlers.WhoStoppedCommand.Name;

    public const string Busy = ":hourglass: I'm busy answering other questions; try again in a moment.";

    public const string NotAllowed = "whostopped is not enabled for this workspace or channel.";

    public const string InviteForThreads =
        "I'm not in this channel, so the details could not go in a thread. `/invite @whostopped` to get them next time.";

    public static string Usage { get; } =
        $"""
        *Who stopped my instance?*
        • `{Command} i-0123456789abcdef0` — who stopped it, when and how, with details in a thread
        • `{Command} i-0123456789abcdef0 i-0fedcba9876543210 eu-west-1` — several at once, in one region (or `region=eu-west-1`)
        • `@whostopped who stopped i-0123456789abcdef0?` — in an incident thread; the answer stays in the thread
        Instance IDs look like {InstanceId.ExpectedForm}.
        """;

    public static string MentionUsage { get; } =
        $"Ask me with an instance ID, e.g. `@whostopped who stopped i-0123456789abcdef0?` (`{Command} help` for more).";

    public static string NotAnInstanceId(IEnumerable<string> tokens) =>
        $"{string.Join(", ", tokens.Select(Mrkdwn.Code))}: not an instance ID. Expected {InstanceId.ExpectedForm}.";

    public static string TooMany(int count, int max) => $"That's {count} instances; ask about at most {max} at a time.";

    public static string OneRegion(IEnumerable<string> regions) =>
        $"One region at a time, please (got {string.Join(", ", regions.Select(Mrkdwn.Code))}).";

    public static string LookingUp(IReadOnlyList<string> ids, string? region) =>
        $":mag: Looking up {string.Join(", ", ids.Select(Mrkdwn.Code))}{(region is null ? "" : " in " + Mrkdwn.Code(region))}…";

    public static string Failed(IReadOnlyList<string> ids) =>
        $":warning: Something went wrong looking up {string.Join(", ", ids.Select(Mrkdwn.Code))}. Try again in a minute.";

    /// <summary>A one-section message for the Web API, which needs blocks or text; both are sent.</summary>
    public static SlackMessage AsMessage(string text)
    {
        var fitted = Mrkdwn.Fit(text, Mrkdwn.MaxSectionText);
        return new SlackMessage(fitted, [new SectionBlock(TextObject.Mrkdwn(fitted))]);
    }
}
