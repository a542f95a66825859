using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Work;

namespace ChatBot.Slack.Handlers;

/// <summary><c>/whostopped &lt;ids&gt; [region]</c>: usage and mistakes stay ephemeral; a real question is
/// acknowledged with "Looking up…" and answered in the channel from the backlog.</summary>
public sealed class WhoStoppedCommand(SlackBacklog backlog) : ISlashCommandHandler
{
    public const string Name = SlashCommand.WhoStopped;

    public string Command => Name;

    public string? Acknowledge(SlashCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parsed = QuestionText.ParseCommand(command.Text);
        if (parsed is not AskedQuestion question)
        {
            return Replies.Refusal(parsed, Replies.Usage);
        }

        var target = new AnswerTarget(command.ChannelId, ThreadTs: null, command.ResponseUrl);
        var job = new QuestionJob(Name, target, question.InstanceIds, question.Region);
        return backlog.TryEnqueue(job) ? Replies.LookingUp(question.InstanceIds, question.Region) : Replies.Busy;
    }
}
