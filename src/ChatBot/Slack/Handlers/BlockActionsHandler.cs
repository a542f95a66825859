using ChatBot.Slack.Inbound;

namespace ChatBot.Slack.Handlers;

/// <summary>Clicks on the answer's buttons. They are plain links that the browser opens, so the only work is the
/// acknowledgement Slack requires; the click is logged to see which links people use.</summary>
public sealed class BlockActionsHandler(ILogger<BlockActionsHandler> log) : IInteractionHandler
{
    public const string Name = "block_actions";

    public string Type => Name;

    public void Handle(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        foreach (var action in interaction.Actions)
        {
            log.LogInformation("Button {ActionId} clicked", action.ActionId);
        }
    }
}
