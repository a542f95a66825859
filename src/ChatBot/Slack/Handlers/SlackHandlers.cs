namespace ChatBot.Slack.Handlers;

/// <summary>The one list of everything the bot answers. A new command, event or button is one class and one line here.</summary>
internal static class SlackHandlers
{
    public static IServiceCollection AddSlackHandlers(this IServiceCollection services) => services
        .AddSingleton<ISlashCommandHandler, WhoStoppedCommand>()
        .AddSingleton<IEventCallbackHandler, ConversationQuestionHandler>()
        .AddSingleton<IInteractionHandler, BlockActionsHandler>()
        .AddSingleton<IInteractionHandler, CheckAgainButton>()
        .AddSingleton<IInteractionHandler, WhoStoppedTheseShortcut>()
        .AddSingleton<SlackDispatcher>();
}
