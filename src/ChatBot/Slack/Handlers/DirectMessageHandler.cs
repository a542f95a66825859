namespace ChatBot.Slack.Handlers;

/// <summary>A direct message to the bot, asked and answered the same way as a mention.</summary>
public sealed class DirectMessageHandler(ConversationQuestions questions) : ConversationHandler(Name, questions)
{
    public const string Name = "message.im";
}
