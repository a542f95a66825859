using System.Text.Json;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Inbound;

namespace ChatBot.Slack.Socket;

/// <summary>Hands envelopes to the <see cref="SlackDispatcher"/> that Slack's HTTP requests reach, so the allow-lists,
/// the event dedupe (a retried envelope carries the same event_id) and the handlers are the same: an envelope's
/// payload is what the HTTP body would have been, in JSON. An envelope itself is handled once: one sent again on
/// another connection (Slack resends what was not acknowledged before a connection dropped) is only acknowledged, which
/// also covers slash commands and interactions, whose payloads carry no event_id.</summary>
internal sealed class SocketDispatch(SlackDispatcher dispatcher, ISeenEvents seen, ILogger<SocketDispatch> log)
{
    /// <summary>Keeps envelope IDs apart from event IDs in the one seen-set.</summary>
    private const string EnvelopePrefix = "envelope:";

    public async ValueTask<SocketAck> HandleAsync(SocketFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.EnvelopeId is { } id && !await seen.FirstTimeAsync(EnvelopePrefix + id, cancellationToken))
        {
            return SocketAck.Empty;
        }

        var ack = await DispatchAsync(frame, cancellationToken);
        if (ack.Refused && frame.EnvelopeId is { } refused)
        {
            // Not acknowledged, so Slack sends it again: that delivery must count as new.
            await seen.ForgetAsync(EnvelopePrefix + refused, cancellationToken);
        }

        return ack;
    }

    private async ValueTask<SocketAck> DispatchAsync(SocketFrame frame, CancellationToken cancellationToken)
    {
        switch (frame.Type)
        {
            case SocketFrame.SlashCommands when Read<SlashCommandPayload>(frame.Payload) is { } command:
                return dispatcher.Command(command.ToCommand()).Text is { } text ? new SocketAck(EphemeralAck.For(text)) : SocketAck.Empty;
            case SocketFrame.EventsApi when Read<EventEnvelope>(frame.Payload) is { } envelope:
                return await dispatcher.EventAsync(envelope, cancellationToken) == EventOutcome.Refused ? SocketAck.Refuse : SocketAck.Empty;
            case SocketFrame.Interactive when Read<Interaction>(frame.Payload) is { } interaction:
                dispatcher.Interaction(interaction);
                return SocketAck.Empty;
            default:
                log.LogWarning("Acknowledged a Socket Mode envelope of type {Type} that the bot does not handle or cannot read", frame.Type);
                return SocketAck.Empty;
        }
    }

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
