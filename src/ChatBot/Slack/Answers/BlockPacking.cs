namespace ChatBot.Slack.Answers;

/// <summary>Keeps long content inside Slack's per-block and per-message limits.</summary>
internal static class BlockPacking
{
    public const int MaxBlocksPerMessage = 50;

    /// <summary>Lines joined into as few sections as fit 3000 characters; an over-long line is shortened alone.</summary>
    public static IEnumerable<SectionBlock> IntoSections(IEnumerable<string> lines)
    {
        var current = new List<string>();
        var length = 0;
        foreach (var line in lines.Select(l => Mrkdwn.Fit(l, Mrkdwn.MaxSectionText)))
        {
            if (current.Count > 0 && length + 1 + line.Length > Mrkdwn.MaxSectionText)
            {
                yield return Section(current);
                current.Clear();
                length = 0;
            }

            length += (current.Count > 0 ? 1 : 0) + line.Length;
            current.Add(line);
        }

        if (current.Count > 0)
        {
            yield return Section(current);
        }
    }

    /// <summary>Blocks split into messages of at most 50; every part carries the fallback text, numbered when split.</summary>
    public static IReadOnlyList<SlackMessage> IntoMessages(IReadOnlyList<Block> blocks, string text)
    {
        var parts = blocks.Chunk(MaxBlocksPerMessage).ToList();
        text = Mrkdwn.Fit(text, Mrkdwn.MaxSectionText - 10);
        return parts.Count <= 1
            ? [new SlackMessage(text, blocks)]
            : parts.Select((part, i) => new SlackMessage($"{text} ({i + 1}/{parts.Count})", part)).ToList();
    }

    private static SectionBlock Section(IEnumerable<string> lines) => new(TextObject.Mrkdwn(string.Join("\n", lines)));
}
