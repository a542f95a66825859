using ChatBot.SharedState;
using WireMock.RequestBuilders;

namespace ChatBot.Tests.SharedState;

/// <summary>A replica killed (SIGKILL, no graceful stop) while it handles a feed message: nothing releases the message
/// or forgets its claim, and the stop must still be alerted by the replica that SQS delivers it to next.</summary>
public sealed class KilledReplicaFeedTests
{
    [RedisFact]
    public async Task A_stop_whose_replica_was_killed_mid_alert_is_alerted_by_the_next_replica_the_queue_delivers_it_to()
    {
        var shared = new Dictionary<string, string?> { ["WHOSTOPPED_REDIS"] = RedisServer.SharedConfiguration() };
        using var aws = FeedWorld.FreshStop();
        await using var queue = await SqsStandIn.StartAsync();
        queue.VisibilityTimeout = TimeSpan.FromSeconds(2);
        using var slackA = new FakeSlack();
        var held = new HeldResponses(slackA.Server, Request.Create().WithPath(FakeSlack.PostMessagePath), "application/json", """{"ok":true,"ts":"9.9"}""");
        try
        {
            await using (var replicaA = AppProcess.Start(Environment(aws, queue, slackA, shared)))
            {
                await replicaA.WaitUntilListeningAsync();
                queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(FeedWorld.Id, DateTimeOffset.UtcNow), FeedWorld.Region));
                await Eventually.TrueAsync(() => held.Waiting == 1, "replica A's alert to be on its way");
            }

            // Replica B comes up after A died, so only a redelivery can reach it.
            await using var replicaB = FeedWorld.Join(queue, aws, shared);
            // B's claim succeeds at once (A's lapsed before SQS delivered the message again); the stop waits for the
            // lock A died holding to lapse.
            await Eventually.TrueAsync(() => replicaB.Summaries().Count == 1, "replica B's alert", RedisAlertBook.LockLease + TimeSpan.FromSeconds(15));
            await replicaB.DrainedAsync();

            Assert.Contains("alice@example.com", replicaB.Summaries()[0].GetProperty("text").GetString());
            Assert.Equal(1, queue.CountOf("DeleteMessage"));
            Assert.DoesNotContain(replicaB.App.Logs.Lines, l => l.Contains("duplicate", StringComparison.Ordinal));
        }
        finally
        {
            held.Release();
        }
    }

    [RedisFact]
    public async Task A_stop_lock_is_renewed_while_its_holder_works_and_handed_back_when_it_is_done()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var redis = await RedisTestConnections.ConnectAsync(configuration);
        var book = new RedisAlertBook(redis, new ChatBot.Feed.Alerts.AlertBook(TimeProvider.System), TimeProvider.System);
        var lockKey = RedisKeys.Alert("default/eu-west-1/i-0aaaabbbbcccc0001").Lock;

        var held = await book.LockAsync("default/eu-west-1/i-0aaaabbbbcccc0001", CancellationToken.None);
        var waited = RedisAlertBook.LockLease * 5 / 6;
        await Task.Delay(waited);

        // Unrenewed, it would have a sixth of its life left; renewed, a slow holder keeps the stop.
        var left = (await redis.Database!.KeyTimeToLiveAsync(lockKey))!.Value;
        Assert.InRange(left, RedisAlertBook.LockLease - waited + TimeSpan.FromSeconds(0.5), RedisAlertBook.LockLease);
        await held.DisposeAsync();
        Assert.False(await redis.Database!.KeyExistsAsync(lockKey));
    }

    /// <summary>Replica A as the container runs it: the same AWS, queue and Redis as B, its own Slack.</summary>
    private static Dictionary<string, string?> Environment(AwsStub aws, SqsStandIn queue, FakeSlack slack, Dictionary<string, string?> shared)
    {
        var all = new Dictionary<string, string?>(aws.Configuration)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SLACK_SIGNING_SECRET"] = SignedRequests.Secret,
            ["SLACK_BOT_TOKEN"] = "xoxb-test-token",
            ["SLACK_API_URL"] = slack.ApiUrl,
            ["WHOSTOPPED_REGIONS"] = FeedWorld.Region,
        };
        foreach (var (key, value) in FeedWorld.Settings(queue).Concat(shared))
        {
            all[key] = value;
        }

        return all;
    }
}
