using System.Globalization;
using System.Text;
using ChatBot.Investigation;
using ChatBot.Slack.Inbound;

namespace ChatBot.Slack.Answers;

/// <summary>The bot's short lines: usage, refusals, progress. Anything echoed from the asker is escaped.</summary>
public static class Replies
{
    public const string Command = SlashCommand.WhoStopped;

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
        • `{Command} doctor` — check the account's CloudTrail trail against its best practices (only you see the report)
        Instance IDs look like {InstanceId.ExpectedForm}.
        """;

    public static string MentionUsage { get; } =
        $"Ask me with an instance ID, e.g. `@whostopped who stopped i-0123456789abcdef0?` (`{Command} help` for more).";

    /// <summary>Bad tokens named back at most, so the expected form still fits however much was typed.</summary>
    public const int MaxNamedTokens = 5;

    /// <summary>Characters of one echoed token at most.</summary>
    public const int MaxEchoLength = 40;

    public static string NotAnInstanceId(IEnumerable<string> tokens)
    {
        var all = tokens.ToList();
        var more = all.Count > MaxNamedTokens ? $" and {all.Count - MaxNamedTokens} more" : "";
        return $"{string.Join(", ", all.Take(MaxNamedTokens).Select(Echo))}{more}: not an instance ID. Expected {InstanceId.ExpectedForm}.";
    }

    /// <summary>What to say to a question that cannot be asked as typed; <paramref name="usage"/> answers a wish for help.</summary>
    public static string Refusal(ParsedQuestion question, string usage) => question switch
    {
        NotInstanceIds bad => NotAnInstanceId(bad.Tokens),
        TooManyInstances many => TooMany(many.Count, many.Max),
        SeveralRegions regions => OneRegion(regions.Regions),
        UnknownAccount account => NoSuchAccount(account.Token, account.Known),
        _ => usage,
    };

    public static string NoSuchAccount(string token, IReadOnlyList<string> known) =>
        $"I don't know the account {Echo(token)}. Known accounts: {string.Join(", ", known.Select(Mrkdwn.Code))} (or their 12-digit IDs).";

    public static string UnknownCommand(string command) => $"I don't know the command {Echo(command)}.";

    public const string NoInstanceIdsInMessage =
        ":grey_question: I found no EC2 instance IDs (like `i-0123456789abcdef0`) in that message: not in its text, blocks or attachments.";

    public static string Skipped(int found, int answered) =>
        $"That message names {found} instances; I'm answering for the first {answered} and skipped {found - answered}.";

    public static string TooMany(int count, int max) => $"That's {count} instances; ask about at most {max} at a time.";

    public static string OneRegion(IEnumerable<string> regions) =>
        $"One region at a time, please (got {string.Join(", ", regions.Select(Mrkdwn.Code))}).";

    public static string LookingUp(IReadOnlyList<string> ids, string? region) =>
        $":mag: Looking up {string.Join(", ", ids.Select(Mrkdwn.Code))}{(region is null ? "" : " in " + Mrkdwn.Code(region))}…";

    public static string Failed(IReadOnlyList<string> ids) =>
        $":warning: Something went wrong looking up {string.Join(", ", ids.Select(Mrkdwn.Code))}. Try again in a minute.";

    public const string TokenRefused =
        "Slack refused my bot token, so I can only answer here, without details in a thread. Ask whoever runs whostopped to check SLACK_BOT_TOKEN.";

    public const string RestartingDoctor =
        ":arrows_counterclockwise: I'm restarting and couldn't finish checking the trail. Please ask again in a minute.";

    public static string Restarting(IReadOnlyList<string> ids) =>
        $":arrows_counterclockwise: I'm restarting and couldn't finish looking up {string.Join(", ", ids.Select(Mrkdwn.Code))}. Please ask again in a minute.";

    /// <summary>What the asker typed, shown back as code: shortened, with control and format characters (NUL,
    /// right-to-left overrides, zero-width joiners) and broken surrogates shown as �, so that an echo can neither
    /// hide nor reorder the rest of the message.</summary>
    private static string Echo(string token)
    {
        var visible = new StringBuilder(Math.Min(token.Length, MaxEchoLength + 1));
        for (var i = 0; i < token.Length && visible.Length < MaxEchoLength; i++)
        {
            if (char.IsHighSurrogate(token[i]) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1]))
            {
                visible.Append(token, i++, 2);
                continue;
            }

            var c = token[i];
            var hidden = char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
            visible.Append(hidden ? '\uFFFD' : c);
        }

        return Mrkdwn.Code(visible.Length < token.Length ? visible + "…" : visible.ToString());
    }

    /// <summary>A one-section message for the Web API, which needs blocks or text; both are sent.</summary>
    public static SlackMessage AsMessage(string text)
    {
        var fitted = Mrkdwn.Fit(text, Mrkdwn.MaxSectionText);
        return new SlackMessage(fitted, [new SectionBlock(TextObject.Mrkdwn(fitted))]);
    }
}
