using ChatBot.Slack.Inbound;

namespace ChatBot.Slack.Handlers;

/// <summary>A direct message to the bot, asked the same way as a mention.</summary>
public sealed class DirectMessageHandler(ConversationQuestions questions) : IEventCallbackHandler
{
    public const string Name = "message.im";

    public string EventType => Name;

    public void Handle(EventEnvelope envelope, SlackEvent slackEvent) => questions.Take(Name, envelope, slackEvent);
}
