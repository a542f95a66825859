using ChatBot.Aws.Accounts;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Work;

namespace ChatBot.Slack.Handlers;

/// <summary><c>/whostopped &lt;ids&gt; [region] [account]</c>: usage and mistakes (an unknown account among them) stay
/// ephemeral; a real question is acknowledged with "Looking up…" and answered in the channel from the backlog.</summary>
public sealed class WhoStoppedCommand(SlackBacklog backlog, AccountDirectory accounts) : ISlashCommandHandler
{
    public const string Name = SlashCommand.WhoStopped;

    public string Command => Name;

    public string? Acknowledge(SlashCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parsed = QuestionText.ParseCommand(command.Text, accounts);
        if (parsed is DoctorWanted)
        {
            // The report goes to the asker alone, through the command's response_url.
            var asker = new AnswerTarget(command.ChannelId, ThreadTs: null, command.ResponseUrl);
            return backlog.TryEnqueue(new DoctorJob(Name, asker)) ? DoctorReply.Checking : Replies.Busy;
        }

        if (parsed is not AskedQuestion question)
        {
            return Replies.Refusal(parsed, Replies.Usage);
        }

        var target = new AnswerTarget(command.ChannelId, ThreadTs: null, command.ResponseUrl);
        var job = new QuestionJob(Name, target, question.InstanceIds, question.Region, question.Account, command.UserId);
        return backlog.TryEnqueue(job) ? Replies.LookingUp(question.InstanceIds, question.Region) : Replies.Busy;
    }
}
