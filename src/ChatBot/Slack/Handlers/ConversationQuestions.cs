using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Work;

namespace ChatBot.Slack.Handlers;

/// <summary>Mentions and DMs ask the same way, and are answered in the thread they came from: the event's
/// thread_ts, or its ts when it was top-level, so an incident thread keeps its answer.</summary>
public sealed class ConversationQuestions(SlackBacklog backlog, QuestionAnswerer answerer, ILogger<ConversationQuestions> log)
{
    /// <returns>False when neither the question nor a reply to it could be queued.</returns>
    public bool Take(string handler, EventEnvelope envelope, SlackEvent slackEvent)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(slackEvent);
        if (!slackEvent.IsFromPerson || envelope.IsFromThisBot || slackEvent.Channel is null || slackEvent.Ts is null)
        {
            return true;
        }

        var target = new AnswerTarget(slackEvent.Channel, slackEvent.ThreadTs ?? slackEvent.Ts, ResponseUrl: null);
        var question = QuestionText.ParseConversation(slackEvent.Text ?? "");
        if (!question.IsAnswerable)
        {
            return Notice(handler, target, question.Problem ?? Replies.MentionUsage);
        }

        var job = answerer.Question(handler, target, question.InstanceIds, question.Region);
        return backlog.TryEnqueue(job) || Notice(handler, target, Replies.Busy);
    }

    private bool Notice(string handler, AnswerTarget target, string text)
    {
        if (backlog.TryEnqueueNotice(answerer.Notice(handler + " notice", target, text)))
        {
            return true;
        }

        log.LogWarning("Backlog and notice lane are both full; the {Handler} delivery is refused so that Slack sends it again", handler);
        return false;
    }
}

/// <summary>An event whose text is a question in conversation: handled by <see cref="ConversationQuestions"/>.</summary>
public abstract class ConversationHandler(string eventType, ConversationQuestions questions) : IEventCallbackHandler
{
    public string EventType => eventType;

    public bool Handle(EventEnvelope envelope, SlackEvent slackEvent) => questions.Take(eventType, envelope, slackEvent);
}
