using System.Diagnostics;
using ChatBot.Aws;
using ChatBot.SharedState;

namespace ChatBot.Tests.SharedState;

public class RedisRateBudgetTests
{
    [RedisFact]
    public async Task Two_replicas_drawing_on_one_bucket_get_its_burst_then_its_rate_together()
    {
        // An EC2-shaped bucket (a burst, then a rate), small enough to test quickly: burst 3 at 5/s, spaced 240 ms.
        const int burst = 3;
        var interval = TimeSpan.FromMilliseconds(240);
        var configuration = RedisServer.SharedConfiguration();
        await using var first = await RedisTestConnections.ConnectAsync(configuration);
        await using var second = await RedisTestConnections.ConnectAsync(configuration);
        var budgets = new[] { first, second }.Select(redis => new RedisRateBudget(redis, "test", 5, burst, new InMemoryRateBudget(TimeProvider.System, 5))).ToList();
        foreach (var budget in budgets)
        {
            // The first call on a connection also loads the script: not part of what is measured.
            await budget.WaitAsync("warm-up", CancellationToken.None);
        }

        var clock = Stopwatch.StartNew();
        var grants = new List<TimeSpan>();
        await Task.WhenAll(budgets.SelectMany(budget =>
        {
            return Enumerable.Range(0, 6).Select(async _ =>
            {
                await budget.WaitAsync("default/eu-west-1", CancellationToken.None);
                lock (grants)
                {
                    grants.Add(clock.Elapsed);
                }
            });
        }));

        grants.Sort();
        Assert.Equal(12, grants.Count);
        // Past the burst, grant k comes no sooner than k - burst + 1 intervals after the clock started: one bucket for both.
        // A grant is seen late on a busy machine, never early, so only a bucket that gave too much can fail this (two
        // buckets would give six grants at once). Redis keeps time in whole milliseconds.
        Assert.All(Enumerable.Range(burst, grants.Count - burst), k => Assert.True(
            grants[k] >= (k - burst + 1) * interval - TimeSpan.FromMilliseconds(5),
            $"grant {k} after only {grants[k].TotalMilliseconds} ms"));
    }

    [RedisFact]
    public async Task A_waiter_that_gives_up_in_the_queue_leaves_without_taking_a_slot()
    {
        // Burst 1 at 0.5/s: slots 2.4 s apart, so the booked slot is a whole interval past the first grant however slow
        // the machine, and the bucket's arrival time tells exactly how many slots were booked, with no clock in the test.
        var configuration = RedisServer.SharedConfiguration();
        await using var redis = await RedisTestConnections.ConnectAsync(configuration);
        var budget = new RedisRateBudget(redis, "test", 0.5, 1, new InMemoryRateBudget(TimeProvider.System, 1));
        var key = $"gives-up-{Guid.NewGuid():N}";
        await budget.WaitAsync(key, CancellationToken.None);
        var afterFirst = await ArrivalTimeAsync(redis, key);
        var booked = budget.WaitAsync(key, CancellationToken.None).AsTask();   // books the next slot and holds the lane

        using var giveUp = new CancellationTokenSource();
        var queued = budget.WaitAsync(key, giveUp.Token).AsTask();
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await booked;

        // One slot booked after the first grant: the one that was waited for, not the abandoned one.
        Assert.Equal(afterFirst + 2400, await ArrivalTimeAsync(redis, key));
    }

    private static async Task<long> ArrivalTimeAsync(RedisConnection redis, string key)
    {
        var (ok, value) = await redis.TryAsync(db => db.StringGetAsync(RedisKeys.Budget("test", key)), CancellationToken.None);
        Assert.True(ok && value.HasValue, "the bucket has an arrival time");
        return (long)value;
    }
}
