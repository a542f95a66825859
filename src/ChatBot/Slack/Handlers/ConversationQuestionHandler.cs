using ChatBot.Aws.Accounts;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Work;

namespace ChatBot.Slack.Handlers;

/// <summary><c>@whostopped who stopped i-…?</c> in a channel or thread, and a direct message to the bot: both ask the
/// same way, and are answered in the thread they came from (the event's thread_ts, or its ts when it was top-level),
/// so an incident thread keeps its answer.</summary>
public sealed class ConversationQuestionHandler(SlackBacklog backlog, AccountDirectory accounts, ILogger<ConversationQuestionHandler> log)
    : IEventCallbackHandler
{
    public const string AppMention = "app_mention";
    public const string DirectMessage = "message.im";

    public IReadOnlyList<string> EventTypes { get; } = [AppMention, DirectMessage];

    public bool Handle(EventEnvelope envelope, SlackEvent slackEvent)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(slackEvent);
        var handler = slackEvent.HandlerKey;
        if (!slackEvent.IsFromPerson || envelope.IsFromThisBot || slackEvent.Channel is null || slackEvent.Ts is null)
        {
            return true;
        }

        var target = new AnswerTarget(slackEvent.Channel, slackEvent.ThreadTs ?? slackEvent.Ts, ResponseUrl: null);
        var parsed = QuestionText.ParseConversation(slackEvent.Text ?? "", accounts);
        if (parsed is not AskedQuestion question)
        {
            return Notice(handler, target, Replies.Refusal(parsed, Replies.MentionUsage));
        }

        var job = new QuestionJob(handler, target, question.InstanceIds, question.Region, question.Account, slackEvent.User);
        return backlog.TryEnqueue(job) || Notice(handler, target, Replies.Busy);
    }

    private bool Notice(string handler, AnswerTarget target, string text)
    {
        if (backlog.TryEnqueueNotice(new NoticeJob(handler + " notice", target, text)))
        {
            return true;
        }

        log.LogWarning("Backlog and notice lane are both full; the {Handler} delivery is refused so that Slack sends it again", handler);
        return false;
    }
}
