using ChatBot.Investigation;

namespace ChatBot.Slack.Answers;

/// <summary>Finding → Slack messages, with no I/O: the bot posts these, and the sandbox page draws the same payloads.</summary>
public static class SlackAnswer
{
    /// <summary>A summary for the channel and the details to post in its thread (empty when there is nothing more
    /// to say). Every message keeps Slack's limits: at most 50 blocks and 3000 characters per section.</summary>
    public static SlackAnswerMessages Render(Finding finding) => Render(finding, Mentions.None);

    /// <param name="mentions">Slack users to mention beside the emails in the answer.</param>
    public static SlackAnswerMessages Render(Finding finding, Mentions mentions)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(mentions);
        var thread = Details.Render(finding);
        return new SlackAnswerMessages(Summary.Render(finding, hasThread: thread.Count > 0, mentions), thread);
    }

    /// <summary>Several summaries packed into as few messages as the block limit allows, for the places where
    /// only a handful of messages can be sent (a command's response_url takes five).</summary>
    public static IReadOnlyList<SlackMessage> Combine(IEnumerable<SlackMessage> summaries)
    {
        var all = summaries.ToList();
        var blocks = all.SelectMany((m, i) => i == 0 ? m.Blocks : m.Blocks.Prepend(new DividerBlock())).ToList();
        var text = Mrkdwn.Fit(string.Join("\n", all.Select(m => m.Text)), Mrkdwn.MaxSectionText);
        return BlockPacking.IntoMessages(blocks, text);
    }
}
