using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Work;

namespace ChatBot.Slack.Handlers;

/// <summary>Mentions and DMs ask the same way, and are answered in the thread they came from: the event's
/// thread_ts, or its ts when it was top-level, so an incident thread keeps its answer.</summary>
public sealed class ConversationQuestions(SlackBacklog backlog, QuestionAnswerer answerer, ILogger<ConversationQuestions> log)
{
    public void Take(string handler, EventEnvelope envelope, SlackEvent slackEvent)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(slackEvent);
        if (!slackEvent.IsFromPerson || envelope.IsFromThisBot || slackEvent.Channel is null || slackEvent.Ts is null)
        {
            return;
        }

        var target = new AnswerTarget(slackEvent.Channel, slackEvent.ThreadTs ?? slackEvent.Ts, ResponseUrl: null);
        var question = QuestionText.ParseConversation(slackEvent.Text ?? "");
        if (!question.IsAnswerable)
        {
            Notice(handler, target, question.Problem ?? Replies.MentionUsage);
            return;
        }

        var job = new SlackJob(handler, token => answerer.AnswerAsync(target, question.InstanceIds, question.Region, token));
        if (!backlog.TryEnqueue(job))
        {
            Notice(handler, target, Replies.Busy);
        }
    }

    private void Notice(string handler, AnswerTarget target, string text)
    {
        if (!backlog.TryEnqueueNotice(new SlackJob(handler + " notice", token => answerer.SayAsync(target, text, token))))
        {
            log.LogWarning("Backlog and notice lane are both full; a {Handler} reply was dropped", handler);
        }
    }
}

/// <summary>An event whose text is a question in conversation: handled by <see cref="ConversationQuestions"/>.</summary>
public abstract class ConversationHandler(string eventType, ConversationQuestions questions) : IEventCallbackHandler
{
    public string EventType => eventType;

    public void Handle(EventEnvelope envelope, SlackEvent slackEvent) => questions.Take(eventType, envelope, slackEvent);
}
