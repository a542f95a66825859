using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace ChatBot.Bench.Load;

/// <summary>Plays Slack's side of the conversation: sends the signed deliveries at a fixed concurrency and notes each ack.</summary>
public sealed class SlackDriver(Uri bot, SlackRequests requests, int maxConcurrency) : IDeliveryDriver
{
    /// <summary>Slack itself gives up after 3 s; waiting longer only tells how late the ack was.</summary>
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(1, maxConcurrency),
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    { Timeout = AckTimeout };

    /// <summary>Sends every question (and each mention's <paramref name="eventRetries"/> redeliveries) and returns the acks.
    /// Bounded by the list: nothing is sent twice except the redeliveries asked for.</summary>
    public async Task<IReadOnlyList<Ack>> AskAsync(IReadOnlyList<Question> questions, int concurrency, int eventRetries, CancellationToken ct)
    {
        var signed = questions.SelectMany(q => Enumerable.Range(0, q.Kind == QuestionKind.Mention ? 1 + eventRetries : 1)
            .Select(delivery => requests.Sign(q, delivery))).ToList();
        var acks = new ConcurrentBag<Ack>();
        await Parallel.ForEachAsync(signed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = ct },
            async (request, token) => acks.Add(await SendAsync(request, token)));
        return [.. acks];
    }

    public void Dispose() => http.Dispose();

    public async Task<Ack> SendAsync(SignedRequest r, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(bot, r.Path)) { Content = new ByteArrayContent(r.Body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(r.ContentType);
        message.Headers.Add("X-Slack-Request-Timestamp", r.Timestamp);
        message.Headers.Add("X-Slack-Signature", r.Signature);
        if (r.Delivery > 0)
        {
            message.Headers.Add("X-Slack-Retry-Num", r.Delivery.ToString(System.Globalization.CultureInfo.InvariantCulture));
            message.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        var sent = BenchClock.NowMs;
        try
        {
            using var response = await http.SendAsync(message, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return new Ack(r.Question, r.Delivery, sent, BenchClock.NowMs, (int)response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new Ack(r.Question, r.Delivery, sent, BenchClock.NowMs, 0, e.GetType().Name + ": " + e.Message);
        }
    }
}
