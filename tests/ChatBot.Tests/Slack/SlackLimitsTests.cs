using ChatBot.Investigation;
using ChatBot.Slack.Answers;

namespace ChatBot.Tests.Slack;

public class SlackLimitsTests
{
    /// <summary>An instance with far more tags and history than fits one message, and very long values.</summary>
    private static Finding Huge()
    {
        var actor = SampleFindings.Alice with { DisplayName = new string('&', 3000) };
        return SampleFindings.StoppedFromConsole with
        {
            InstanceName = new string('<', 5000),
            Stop = SampleFindings.StoppedFromConsole.Stop! with { Actor = actor, UserAgent = new string('>', 5000) },
            Tags = Enumerable.Range(0, 400).ToDictionary(i => $"tag-{i:D3}", i => new string('&', 200)),
            History = Enumerable.Range(0, 600).Select(i => new StateChange("StopInstances", SampleFindings.StopTime.AddMinutes(-i), actor, "Console", $"e{i}")).ToList(),
            AlsoStopped = Enumerable.Range(0, 200).Select(i => $"i-{i:x17}").ToList(),
        };
    }

    private static IEnumerable<SlackMessage> AllMessages(SlackAnswerMessages answer) => answer.Thread.Prepend(answer.Summary);

    private static IEnumerable<TextObject> Texts(Block block) => block switch
    {
        SectionBlock s => (s.Fields ?? []).Concat(s.Text is null ? [] : [s.Text]),
        ContextBlock c => c.Elements,
        ActionsBlock a => a.Elements.Select(e => e.Text),
        _ => [],
    };

    [Fact]
    public void No_message_has_more_than_50_blocks_and_long_content_is_split_not_dropped()
    {
        var answer = SlackAnswer.Render(Huge());
        Assert.All(AllMessages(answer), m => Assert.InRange(m.Blocks.Count, 1, 50));
        Assert.True(answer.Thread.Count > 1);
        var thread = string.Join("\n", answer.Thread.SelectMany(m => m.Blocks).SelectMany(Texts).Select(t => t.Text));
        Assert.Contains("`tag-399`", thread);
        Assert.Contains("`i-000000000000000c7`", thread);
    }

    [Fact]
    public void No_section_text_exceeds_3000_characters_and_no_field_2000()
    {
        var answer = SlackAnswer.Render(Huge());
        foreach (var block in AllMessages(answer).SelectMany(m => m.Blocks).OfType<SectionBlock>())
        {
            Assert.True(block.Text is null || block.Text.Text.Length <= 3000);
            Assert.All(block.Fields ?? [], f => Assert.True(f.Text.Length <= 2000));
            Assert.True((block.Fields?.Count ?? 0) <= 10);
        }
    }

    [Fact]
    public void Truncated_texts_still_hold_whole_escapes()
    {
        var answer = SlackAnswer.Render(Huge());
        foreach (var text in AllMessages(answer).SelectMany(m => m.Blocks).SelectMany(Texts).Select(t => t.Text).Append(answer.Summary.Text))
        {
            Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", text);
        }
    }

    [Fact]
    public void Split_thread_messages_are_numbered_in_their_fallback_text()
    {
        var thread = SlackAnswer.Render(Huge()).Thread;
        Assert.All(thread.Select((m, i) => (m, i)), x => Assert.EndsWith($"({x.i + 1}/{thread.Count})", x.m.Text));
    }

    [Fact]
    public void Combined_summaries_for_many_instances_stay_within_the_block_limit()
    {
        var summaries = Enumerable.Range(0, 50)
            .Select(i => SlackAnswer.Render(SampleFindings.StoppedFromConsole with { InstanceId = $"i-{i:x17}" }).Summary);
        var combined = SlackAnswer.Combine(summaries);
        Assert.All(combined, m => Assert.InRange(m.Blocks.Count, 1, 50));
        Assert.InRange(combined.Count, 2, 5);
    }
}
