using ChatBot.Aws;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Aws;

public sealed class RateBudgetTests
{
    [Fact]
    public async Task Never_lets_more_than_two_requests_into_any_second_for_one_key()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new InMemoryRateBudget(time, 2);
        var granted = new List<DateTimeOffset>();

        var waits = Enumerable.Range(0, 10).Select(async _ =>
        {
            await budget.WaitAsync("default/us-east-1", CancellationToken.None);
            lock (granted)
            {
                granted.Add(time.GetUtcNow());
            }
        }).ToList();
        for (var i = 0; i < 100 && granted.Count < 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        await Task.WhenAll(waits);
        Assert.Equal(10, granted.Count);
        Assert.All(granted, t => Assert.True(granted.Count(g => g >= t && g < t.AddSeconds(1)) <= 2));
    }

    [Fact]
    public async Task Keys_have_separate_budgets()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new InMemoryRateBudget(time, 2);

        await budget.WaitAsync("default/us-east-1", CancellationToken.None);
        var sameKey = budget.WaitAsync("default/us-east-1", CancellationToken.None).AsTask();
        var otherKey = budget.WaitAsync("default/eu-west-1", CancellationToken.None).AsTask();

        Assert.True(otherKey.IsCompletedSuccessfully);
        Assert.False(sameKey.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await sameKey;
    }
}
