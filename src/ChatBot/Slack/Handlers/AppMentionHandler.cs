namespace ChatBot.Slack.Handlers;

/// <summary><c>@whostopped who stopped i-…?</c> in a channel or thread.</summary>
public sealed class AppMentionHandler(ConversationQuestions questions) : ConversationHandler(Name, questions)
{
    public const string Name = "app_mention";
}
