namespace ChatBot.Slack.Socket;

/// <summary>What to send back for an envelope. <paramref name="Payload"/> rides in the acknowledgement (a slash
/// command's ephemeral reply); <paramref name="Refused"/> sends nothing, so that Slack delivers the envelope again,
/// as an HTTP 503 would make it.</summary>
internal sealed record SocketAck(object? Payload, bool Refused = false)
{
    public static SocketAck Empty { get; } = new(Payload: null);

    public static SocketAck Refuse { get; } = new(Payload: null, Refused: true);
}
