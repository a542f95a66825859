using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Handlers;

/// <summary>The one place everything Slack sends is handed to its handler, whichever way it came in (HTTP, the
/// sandbox page, a socket). It applies the workspace and channel allow-lists and answers each event once.</summary>
public sealed class SlackDispatcher(
    IEnumerable<ISlashCommandHandler> commands, IEnumerable<IEventCallbackHandler> events, IEnumerable<IInteractionHandler> interactions,
    ISeenEvents seen, IOptionsMonitor<SlackOptions> options)
{
    private readonly Dictionary<string, ISlashCommandHandler> byCommand = commands.ToDictionary(h => h.Command, StringComparer.Ordinal);
    private readonly Dictionary<string, IEventCallbackHandler> byEvent =
        events.SelectMany(h => h.EventTypes.Select(type => (type, h))).ToDictionary(p => p.type, p => p.h, StringComparer.Ordinal);
    private readonly Dictionary<string, IInteractionHandler> byInteraction =
        interactions.Where(h => h.ActionId is null).ToDictionary(h => h.Type, StringComparer.Ordinal);
    private readonly Dictionary<string, IInteractionHandler> byAction =
        interactions.Where(h => h.ActionId is not null).ToDictionary(h => h.ActionId!, StringComparer.Ordinal);

    /// <summary>The acknowledgement for a slash command; must be sent within Slack's 3 seconds.</summary>
    public CommandAck Command(SlashCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Allowed(command.TeamId, command.ChannelId))
        {
            return new CommandAck(CommandOutcome.NotAllowed, Replies.NotAllowed);
        }

        return byCommand.TryGetValue(command.Command, out var handler)
            ? new CommandAck(CommandOutcome.Handled, handler.Acknowledge(command))
            : new CommandAck(CommandOutcome.UnknownCommand, Replies.UnknownCommand(command.Command));
    }

    /// <summary>An event_callback. Refusals and repeats are <see cref="EventOutcome.Ignored"/> or
    /// <see cref="EventOutcome.Duplicate"/>: acknowledged all the same, since anything acknowledged is never redelivered.</summary>
    public async ValueTask<EventOutcome> EventAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope is not { Type: EventEnvelope.EventCallback, Event: { } slackEvent, EventId: { } eventId }
            || !Allowed(envelope.TeamId, slackEvent.Channel))
        {
            return EventOutcome.Ignored;
        }

        if (!await seen.FirstTimeAsync(eventId, cancellationToken))
        {
            return EventOutcome.Duplicate;
        }

        // JSON can say "type": null; only Slack's signature vouches for the shape.
        if (slackEvent.HandlerKey is not { } key || !byEvent.TryGetValue(key, out var handler))
        {
            return EventOutcome.Ignored;
        }

        if (!handler.Handle(envelope, slackEvent))
        {
            // Forgotten, so that Slack's redelivery of this refused event is taken as new.
            await seen.ForgetAsync(eventId, cancellationToken);
            return EventOutcome.Refused;
        }

        return EventOutcome.Handled;
    }

    public InteractionOutcome Interaction(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (!Allowed(interaction.Team?.Id, interaction.Channel?.Id) || interaction.Type is not { } type)
        {
            return InteractionOutcome.Ignored;
        }

        // A button the bot answers has its own handler; links and everything else go to the type's handler.
        var buttons = (interaction.Actions ?? []).OfType<InteractionAction>()
            .Select(a => byAction.GetValueOrDefault(ActionIdOf(a) ?? "")).OfType<IInteractionHandler>().Where(h => h.Type == type).Distinct().ToList();
        if (buttons.Count == 0 && byInteraction.TryGetValue(type, out var handler))
        {
            buttons.Add(handler);
        }

        buttons.ForEach(h => h.Handle(interaction));
        return buttons.Count > 0 ? InteractionOutcome.Handled : InteractionOutcome.Ignored;
    }

    /// <summary>An action_id without the instance ID after its <c>:</c>.</summary>
    public static string? ActionIdOf(InteractionAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.ActionId?.Split(':', 2)[0];
    }

    private bool Allowed(string? teamId, string? channelId) =>
        options.CurrentValue.AllowsTeam(teamId) && options.CurrentValue.AllowsChannel(channelId);
}

/// <param name="Text">The ephemeral reply to acknowledge with; null for an empty acknowledgement.</param>
public sealed record CommandAck(CommandOutcome Outcome, string? Text);

public enum CommandOutcome
{
    Handled,
    UnknownCommand,
    /// <summary>The workspace or channel is not on the allow-list.</summary>
    NotAllowed,
}

public enum EventOutcome
{
    Handled,
    /// <summary>Already taken: a retry of an event answered before.</summary>
    Duplicate,
    /// <summary>Not for this bot: another type, a workspace or channel not allowed, a malformed envelope.</summary>
    Ignored,
    /// <summary>Too saturated even to say so: the delivery must fail (HTTP 503) so that Slack sends it again.</summary>
    Refused,
}

public enum InteractionOutcome
{
    Handled,
    Ignored,
}
