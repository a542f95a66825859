using System.Net;
using ChatBot.Tests.Slack;

namespace ChatBot.Tests.SharedState;

/// <summary>Redis dies mid-run and comes back: the replicas keep answering, say so once, and share again afterwards.</summary>
public class RedisOutageTests
{
    private const string Id = SampleFindings.Id;

    [RedisFact]
    public async Task Redis_stopped_mid_run_degrades_readiness_not_answers_and_its_return_is_picked_up()
    {
        using var redis = new RedisServer();
        await using var replicas = new Replicas(redis.Configuration(), TestApp.StoppedFromConsole(Id));
        var (a, b) = (replicas.A, replicas.B);
        await MentionAsync(a, "1.100", "EvOut01");
        await AnsweredAsync(a, "1.100");
        Assert.Equal("Healthy", await Replicas.ReadinessOf(a, "redis"));

        redis.Stop();
        await EventuallyAsync(async () => await Replicas.ReadinessOf(a, "redis") == "Degraded", "readiness to say degraded");

        // Still answering, and a retry to the same replica is still answered once: its own memory decides.
        await MentionAsync(a, "1.200", "EvOut02");
        await MentionAsync(a, "1.200", "EvOut02", retryNum: 1);
        await MentionAsync(a, "1.300", "EvOut03");
        await AnsweredAsync(a, "1.300");
        Assert.Equal(2, replicas.RepliesTo("1.200"));
        using (var client = a.CreateClient())
        using (var liveness = await client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
        }

        redis.Start();
        await EventuallyAsync(async () => await Replicas.ReadinessOf(a, "redis") == "Healthy"
            && await Replicas.ReadinessOf(b, "redis") == "Healthy", "both replicas to reconnect");

        // Shared again: a retry that lands on the other replica is not answered twice.
        await MentionAsync(a, "1.400", "EvOut04");
        await AnsweredAsync(a, "1.400");
        await MentionAsync(b, "1.400", "EvOut04", retryNum: 1);
        await MentionAsync(b, "1.500", "EvOut05");
        await AnsweredAsync(b, "1.500");
        Assert.Equal(2, replicas.RepliesTo("1.400"));

        var said = a.Logs.Lines.Where(l => l.StartsWith("ChatBot.SharedState.RedisConnection", StringComparison.Ordinal)).ToList();
        Assert.Single(said, l => l.Contains("is unreachable", StringComparison.Ordinal));
        Assert.Single(said, l => l.Contains("is back", StringComparison.Ordinal));
    }

    private static async Task MentionAsync(TestApp app, string ts, string eventId, int? retryNum = null) =>
        (await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> who stopped {Id}?", ts), eventId, retryNum))).Dispose();

    /// <summary>Waits for the answer in <paramref name="ts"/>'s thread; one worker answers in order, so every question
    /// sent to the replica before it has been dealt with too.</summary>
    private static Task AnsweredAsync(TestApp app, string ts) => Eventually.TrueAsync(() => app.Slack.Bodies()
        .Count(p => p.TryGetProperty("thread_ts", out var t) && t.GetString() == ts) >= 2, $"the answer in thread {ts}");

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
