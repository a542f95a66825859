using ChatBot.Aws;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Aws;

public sealed class RateBudgetTests
{
    [Fact]
    public async Task Spaces_requests_so_no_second_ever_holds_more_than_two()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new InMemoryRateBudget(time, 2);
        var waits = Enumerable.Range(0, 5).Select(_ => budget.WaitAsync("default/us-east-1", CancellationToken.None).AsTask()).ToList();

        async Task<int> GrantedAt(int milliseconds)
        {
            time.Advance(DateTimeOffset.UnixEpoch.AddMilliseconds(milliseconds) - time.GetUtcNow());
            await Task.Delay(50);
            return waits.Count(w => w.IsCompletedSuccessfully);
        }

        Assert.Equal(1, await GrantedAt(0));
        Assert.Equal(1, await GrantedAt(590));
        Assert.Equal(2, await GrantedAt(610));
        Assert.Equal(2, await GrantedAt(1190));
        Assert.Equal(3, await GrantedAt(1210));
        Assert.Equal(4, await GrantedAt(3000));
        Assert.Equal(5, await GrantedAt(3610));
        await Task.WhenAll(waits);
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

    [Fact]
    public async Task A_waiter_that_gives_up_does_not_spend_a_slot()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new InMemoryRateBudget(time, 2);
        await budget.WaitAsync("k", CancellationToken.None);

        using (var abandoned = new CancellationTokenSource())
        {
            var gaveUp = budget.WaitAsync("k", abandoned.Token).AsTask();
            await abandoned.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        }

        time.Advance(TimeSpan.FromMilliseconds(610));
        Assert.True(budget.WaitAsync("k", CancellationToken.None).AsTask().IsCompletedSuccessfully);
    }
}
