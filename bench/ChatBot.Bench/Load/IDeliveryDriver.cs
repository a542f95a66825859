namespace ChatBot.Bench.Load;

/// <summary>How Slack's deliveries reach the bot: signed HTTP requests (<see cref="SlackDriver"/>) or envelopes over
/// Socket Mode (<see cref="SocketDriver"/>). Either way each delivery's acknowledgement is timed.</summary>
public interface IDeliveryDriver : IDisposable
{
    /// <summary>Sends every question (and each mention's <paramref name="eventRetries"/> redeliveries) and returns the acks.</summary>
    Task<IReadOnlyList<Ack>> AskAsync(IReadOnlyList<Question> questions, int concurrency, int eventRetries, CancellationToken ct);
}
