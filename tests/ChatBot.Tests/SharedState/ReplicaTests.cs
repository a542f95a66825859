using ChatBot.Tests.SharedState.Support;
using ChatBot.Tests.Slack;
using ChatBot.Tests.Slack.Support;
using ChatBot.Tests.Support;
using StackExchange.Redis;

namespace ChatBot.Tests.SharedState;

/// <summary>Several replicas, one memory: what Redis must prevent that one replica's own memory cannot.</summary>
public class ReplicaTests
{
    private const string Id = SampleFindings.Id;

    [RedisFact]
    public async Task A_mention_and_its_retry_delivered_to_two_replicas_at_once_are_answered_once()
    {
        await using var replicas = new Replicas(RedisServer.SharedConfiguration(), SlackTestApp.StoppedFromConsole(Id));

        Assert.Equal(2, await AskBothAsync(replicas, "1795168000.000100", "EvRedis01"));
    }

    [Fact]
    public async Task Without_Redis_each_replica_answers_its_own_copy()
    {
        // The problem the shared set solves: each replica's memory alone lets the other's copy through.
        await using var replicas = new Replicas(null, SlackTestApp.StoppedFromConsole(Id));

        Assert.Equal(4, await AskBothAsync(replicas, "1795168000.000200", "EvRedis02"));
    }

    [RedisFact]
    public async Task Two_replicas_together_make_at_most_two_LookupEvents_in_any_second()
    {
        string[] ids = [.. Enumerable.Range(1, 8).Select(n => $"i-0aaaaaaaaaaaaa00{n}")];
        var settings = new Dictionary<string, string?> { ["WHOSTOPPED_WORKERS"] = "4" };
        var configuration = RedisServer.SharedConfiguration();
        await using var replicas = new Replicas(configuration, SlackTestApp.StoppedFromConsole(ids), settings);
        SlackTestApp[] apps = [replicas.A, replicas.B];
        // A first question each, so that a cold start (credentials, connections) is not part of what is measured.
        await AskAsync(apps, ids[..2], 4);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var before = await redis.GetServers().Single().TimeAsync();

        var measured = ids[2..];
        await AskAsync(apps, measured, 16);

        // Both replicas book every call from one bucket in Redis, one slot per 600 ms (20% wider than AWS's 500) on
        // Redis's clock, so n calls take at least n - 1 slots after the first, however slow or fast the machine; two
        // budgets of their own would take half that. No upper bound is asserted: a slow machine only adds. The bucket's
        // spacing is RedisRateBudgetTests' to check, and AWS's view of it (any one-second window) the bench's.
        var after = await redis.GetServers().Single().TimeAsync();
        Assert.Equal(measured.Length, replicas.Aws.LookupCalls().Count(c => measured.Any(id => c.RequestMessage.Body!.Contains(id, StringComparison.Ordinal))));
        Assert.True(after - before >= (measured.Length - 1) * TimeSpan.FromMilliseconds(600),
            $"{measured.Length} calls in {(after - before).TotalMilliseconds} ms of Redis's clock");
    }

    /// <summary>Sends one command per instance, alternating between the replicas, and waits for all posts so far.</summary>
    private static async Task AskAsync(SlackTestApp[] apps, string[] ids, int postsInAll)
    {
        Dispose(await Task.WhenAll(ids.Select((id, n) => apps[n % 2].SendAsync(SignedRequests.Command(id, apps[0].Slack.ResponseUrl)))));
        await Eventually.TrueAsync(() => apps.Sum(app => app.Slack.Bodies().Count) >= postsInAll, $"{postsInAll / 2} answers");
    }

    /// <summary>Sends a mention to A and its retry to B at the same moment; once both replicas have answered a later
    /// question each (one worker: in order), returns how many posts went into the first mention's thread.</summary>
    private static async Task<int> AskBothAsync(Replicas replicas, string ts, string eventId)
    {
        var mention = SignedRequests.Mention($"<@U0BOT> who stopped {Id}?", ts);
        Dispose(await Task.WhenAll(
            replicas.A.SendAsync(SignedRequests.Event(mention, eventId)),
            replicas.B.SendAsync(SignedRequests.Event(mention, eventId, retryNum: 1))));
        foreach (var (app, n) in new[] { (replicas.A, 1), (replicas.B, 2) })
        {
            var later = $"1795169000.00000{n}";
            (await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> who stopped {Id}?", later), eventId + "-later" + n))).Dispose();
            await Eventually.TrueAsync(() => replicas.RepliesTo(later) == 2, "the later question's answer");
        }

        return replicas.RepliesTo(ts);
    }

    private static void Dispose(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
