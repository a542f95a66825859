using System.Diagnostics;
using ChatBot.Aws;
using ChatBot.SharedState;
using ChatBot.Tests.SharedState.Support;

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
        // Past the burst, grant k follows grant k - burst by at least one interval (less the wake-up jitter of a busy machine).
        Assert.All(Enumerable.Range(burst, grants.Count - burst), k => Assert.True(
            grants[k] - grants[k - burst] >= interval - TimeSpan.FromMilliseconds(60),
            $"grants {k - burst} and {k} only {(grants[k] - grants[k - burst]).TotalMilliseconds} ms apart"));
    }

    [RedisFact]
    public async Task A_waiter_that_gives_up_in_the_queue_leaves_without_taking_a_slot()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var redis = await RedisTestConnections.ConnectAsync(configuration);
        var budget = new RedisRateBudget(redis, "test", 2, 1, new InMemoryRateBudget(TimeProvider.System, 2));
        await budget.WaitAsync("k", CancellationToken.None);
        // Timed from the first grant, so a busy machine's late continuations cannot shorten what is measured.
        var clock = Stopwatch.StartNew();
        var booked = budget.WaitAsync("k", CancellationToken.None).AsTask();   // holds the next slot, 600 ms on

        using var giveUp = new CancellationTokenSource();
        var queued = budget.WaitAsync("k", giveUp.Token).AsTask();
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await booked;

        // Two intervals after the first grant (1.2 s); had the abandoned waiter booked a slot, it would be three (1.8 s).
        await budget.WaitAsync("k", CancellationToken.None);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1750));
    }
}
