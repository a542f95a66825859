using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Rechecks;

namespace ChatBot.Slack.Handlers;

/// <summary>"Check again" on an answer waiting for CloudTrail: an immediate re-check, which edits the answer when the
/// stop has turned up and otherwise tells the one who pressed it (ephemerally) that there is still nothing.</summary>
public sealed class CheckAgainButton(RecheckScheduler rechecks, ILogger<CheckAgainButton> log) : IInteractionHandler
{
    public string Type => BlockActionsHandler.Name;

    public string? ActionId => RecheckNotes.CheckAgainActionId;

    public void Handle(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        foreach (var action in (interaction.Actions ?? []).OfType<InteractionAction>().Where(a => SlackDispatcher.ActionIdOf(a) == ActionId))
        {
            if (action.Value is not { Length: > 0 } watchId || !rechecks.CheckNow(watchId, interaction.ResponseUrl))
            {
                log.LogWarning("Check again from Slack user {SlackUser} could not be taken", interaction.User?.Id);
            }
        }
    }
}
