using System.Collections.Concurrent;
using System.Text.Json;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Load;

/// <summary>Plays Slack's side over Socket Mode: each delivery is an envelope on the bot's one connection, at most
/// <c>concurrency</c> unacknowledged at a time, timed from being handed to the socket to its acknowledgement.</summary>
public sealed class SocketDriver(SocketStandIn socket, SlackRequests requests) : IDeliveryDriver
{
    /// <summary>Slack itself gives up after 3 s; waiting longer only tells how late the ack was.</summary>
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(10);

    private int envelopes;

    public async Task<IReadOnlyList<Ack>> AskAsync(IReadOnlyList<Question> questions, int concurrency, int eventRetries, CancellationToken ct)
    {
        // Built beforehand, as the HTTP driver signs beforehand, so the clock measures only the bot.
        var frames = questions.SelectMany(q => Enumerable.Range(0, q.Kind == QuestionKind.Mention ? 1 + eventRetries : 1)
            .Select(delivery => (Question: q, Delivery: delivery, Id: $"bench-{Interlocked.Increment(ref envelopes):D8}")))
            .Select(d => (d.Question, d.Delivery, d.Id, Frame: requests.Envelope(d.Question, d.Delivery, d.Id))).ToList();
        var acks = new ConcurrentBag<Ack>();
        await Parallel.ForEachAsync(frames, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = ct },
            async (f, token) =>
            {
                var sent = BenchClock.NowMs;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(AckTimeout);
                try
                {
                    var ack = await socket.SendEnvelopeAsync(f.Id, f.Frame, timeout.Token);
                    acks.Add(new Ack(f.Question, f.Delivery, sent, ack.AtMs, 200, Text(ack.Payload)));
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    acks.Add(new Ack(f.Question, f.Delivery, sent, BenchClock.NowMs, 0, "no acknowledgement"));
                }
            });
        return [.. acks];
    }

    public void Dispose()
    {
    }

    /// <summary>The ephemeral text a slash command's acknowledgement carries, for spotting "busy".</summary>
    private static string Text(string payload)
    {
        if (payload.Length == 0)
        {
            return "";
        }

        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty("text", out var text) ? text.GetString() ?? "" : payload;
    }
}
