using System.Text.Json;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Inbound;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Socket;

/// <summary>Envelopes go to the same handlers as Slack's HTTP requests, with the same allow-lists and event dedupe:
/// an envelope's payload is what the HTTP body would have been.</summary>
internal sealed class SocketDispatch(
    IEnumerable<ISlashCommandHandler> commands, IEnumerable<IEventCallbackHandler> events, IEnumerable<IInteractionHandler> interactions,
    ISeenEvents seen, IOptionsMonitor<SlackOptions> options, ILogger<SocketDispatch> log)
{
    public async ValueTask<SocketAck> HandleAsync(SocketFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        switch (frame.Type)
        {
            case SocketFrame.SlashCommands when Read<SlashCommandPayload>(frame.Payload) is { } command:
                return Command(command.ToCommand());
            case SocketFrame.EventsApi when Read<EventEnvelope>(frame.Payload) is { } envelope:
                return await EventAsync(envelope, cancellationToken);
            case SocketFrame.Interactive when Read<Interaction>(frame.Payload) is { } interaction:
                if (Allowed(interaction.Team?.Id, interaction.Channel?.Id))
                {
                    interactions.FirstOrDefault(h => h.Type == interaction.Type)?.Handle(interaction);
                }

                return SocketAck.Empty;
            default:
                log.LogWarning("Acknowledged a Socket Mode envelope of type {Type} that the bot does not handle or cannot read", frame.Type);
                return SocketAck.Empty;
        }
    }

    private SocketAck Command(SlashCommand command)
    {
        if (!Allowed(command.TeamId, command.ChannelId))
        {
            return Ephemeral(Replies.NotAllowed);
        }

        var handler = commands.FirstOrDefault(h => h.Command == command.Command);
        var ack = handler is null ? Replies.UnknownCommand(command.Command) : handler.Acknowledge(command);
        return ack is null ? SocketAck.Empty : Ephemeral(ack);
    }

    private async ValueTask<SocketAck> EventAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope is not { Type: EventEnvelope.EventCallback, Event: { } slackEvent, EventId: { } eventId }
            || !Allowed(envelope.TeamId, slackEvent.Channel)
            || !await seen.FirstTimeAsync(eventId, cancellationToken))
        {
            return SocketAck.Empty;
        }

        if (events.FirstOrDefault(h => h.EventType == slackEvent.HandlerKey)?.Handle(envelope, slackEvent) == false)
        {
            await seen.ForgetAsync(eventId, cancellationToken);
            return SocketAck.Refuse;
        }

        return SocketAck.Empty;
    }

    private bool Allowed(string? teamId, string? channelId) =>
        options.CurrentValue.AllowsTeam(teamId) && options.CurrentValue.AllowsChannel(channelId);

    private static SocketAck Ephemeral(string text) =>
        new(new { response_type = "ephemeral", text = Mrkdwn.Fit(text, Mrkdwn.MaxSectionText) });

    private static T? Read<T>(JsonElement payload)
        where T : class
    {
        try
        {
            return payload.ValueKind == JsonValueKind.Object ? payload.Deserialize<T>(SlackJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A slash command as Socket Mode sends it: the HTTP form's fields as a JSON object.</summary>
    private sealed record SlashCommandPayload(string? Command, string? Text, string? TeamId, string? ChannelId, string? UserId, string? ResponseUrl)
    {
        public SlashCommand ToCommand() => new(Command ?? "", Text ?? "", TeamId ?? "", ChannelId ?? "", UserId ?? "", ResponseUrl ?? "");
    }
}
