using ChatBot.Slack.Inbound;

namespace ChatBot.Slack.Handlers;

/// <summary><c>@whostopped who stopped i-…?</c> in a channel or thread.</summary>
public sealed class AppMentionHandler(ConversationQuestions questions) : IEventCallbackHandler
{
    public const string Name = "app_mention";

    public string EventType => Name;

    public void Handle(EventEnvelope envelope, SlackEvent slackEvent) => questions.Take(Name, envelope, slackEvent);
}
