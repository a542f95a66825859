using ChatBot.Doctor;

namespace ChatBot.Slack.Answers;

/// <summary>The doctor's report as one Slack message: a line per check with ✓, ⚠ or ✗, its fix as code under it,
/// accounts in sections of their own. Everything from AWS is escaped.</summary>
public static class DoctorReply
{
    /// <summary>Slack allows 50 blocks a message; one is the heading.</summary>
    private const int MaxSections = 49;

    public static string Checking => ":stethoscope: Checking the trail in each account; only you will see the report…";

    public static SlackMessage Render(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var failed = results.Count(r => r.Status == CheckStatus.Fail);
        var warned = results.Count(r => r.Status == CheckStatus.Warn);
        var heading = $"*Trail doctor*: {results.Count - failed - warned} ok, {warned} warning{(warned == 1 ? "" : "s")}, {failed} failed";
        var sections = results.GroupBy(r => r.Account)
            .SelectMany(account => Pack([$"*Account {Mrkdwn.Escape(account.Key.Name)}*", .. account.Select(Line)]))
            .ToList();
        var blocks = new List<Block> { new SectionBlock(TextObject.Mrkdwn(heading)) };
        blocks.AddRange(sections.Take(MaxSections).Select(text => new SectionBlock(TextObject.Mrkdwn(text))));
        return new SlackMessage(heading, blocks);
    }

    private static string Line(CheckResult r)
    {
        var mark = r.Status switch { CheckStatus.Ok => "✓", CheckStatus.Warn => "⚠", _ => "✗" };
        var region = r.Region is null ? "" : $" ({Mrkdwn.Escape(r.Region)})";
        var fix = r.Fix is null ? "" : $"\n    fix: {Mrkdwn.Code(r.Fix)}";
        return Mrkdwn.Fit($"{mark} *{r.Check}*{region} {Mrkdwn.Escape(r.Detail)}{fix}", Mrkdwn.MaxSectionText);
    }

    /// <summary>Lines joined into as few sections as Slack's 3000 characters allow.</summary>
    private static IEnumerable<string> Pack(IEnumerable<string> lines)
    {
        var section = "";
        foreach (var line in lines)
        {
            if (section.Length > 0 && section.Length + 1 + line.Length > Mrkdwn.MaxSectionText)
            {
                yield return section;
                section = "";
            }

            section = section.Length == 0 ? line : $"{section}\n{line}";
        }

        if (section.Length > 0)
        {
            yield return section;
        }
    }
}
