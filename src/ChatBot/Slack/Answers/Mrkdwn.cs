using System.Globalization;

namespace ChatBot.Slack.Answers;

/// <summary>Safe building blocks for Slack mrkdwn. Anything from AWS or a user goes through <see cref="Escape"/>:
/// a tag value of <c>&lt;!channel&gt;</c> must show as text, not ping the channel.</summary>
public static class Mrkdwn
{
    /// <summary>Slack's limit for a section's text; also used for the fallback text.</summary>
    public const int MaxSectionText = 3000;

    /// <summary>Slack's limit for one section field.</summary>
    public const int MaxFieldText = 2000;

    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Escaped and shown as inline code. Backticks inside would end the code span, so they become quotes.</summary>
    public static string Code(string? text) => "`" + Escape(text).Replace('`', '\'') + "`";

    /// <summary>A date every reader sees in their own time zone; the fallback is UTC.</summary>
    public static string Date(DateTimeOffset when) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<!date^{when.ToUnixTimeSeconds()}^{{date_short_pretty}} at {{time}}|{when.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    /// <summary>Shortens already-escaped mrkdwn to <paramref name="max"/> characters, ending with an ellipsis.
    /// Never cuts through an escape (<c>&amp;amp;</c>), one of our own <c>&lt;…&gt;</c> tokens or a surrogate pair.</summary>
    public static string Fit(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        cut = BackOffFromOpenToken(text, cut, '<', '>');
        cut = BackOffFromOpenToken(text, cut, '&', ';');
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    private static int BackOffFromOpenToken(string text, int cut, char open, char close)
    {
        if (cut == 0)
        {
            return cut;
        }

        var start = text.LastIndexOf(open, cut - 1);
        if (start < 0)
        {
            return cut;
        }

        var end = text.IndexOf(close, start);
        return end < 0 || end >= cut ? start : cut;
    }
}
