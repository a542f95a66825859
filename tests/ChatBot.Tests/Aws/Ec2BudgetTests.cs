using ChatBot.Aws;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Aws;

/// <summary>The EC2 budget: a token bucket per account and region, a quarter of what EC2 itself allows.</summary>
public sealed class Ec2BudgetTests
{
    private const string Key = "default/us-east-1";
    private readonly FakeTimeProvider time = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_burst_of_ten_goes_at_once_then_five_a_second()
    {
        var budget = new TokenBucketRateBudget(time, RateBudgets.Ec2Burst, RateBudgets.Ec2PerSecond);
        var waits = Enumerable.Range(0, 15).Select(_ => budget.WaitAsync(Key, CancellationToken.None).AsTask()).ToList();

        Assert.Equal(10, await GrantedAfter(waits, TimeSpan.Zero));
        Assert.Equal(10, await GrantedAfter(waits, TimeSpan.FromMilliseconds(190)));
        Assert.Equal(11, await GrantedAfter(waits, TimeSpan.FromMilliseconds(20)));
        Assert.Equal(15, await GrantedAfter(waits, TimeSpan.FromMilliseconds(800)));
    }

    [Fact]
    public async Task Each_account_and_region_has_its_own_bucket()
    {
        var budget = new TokenBucketRateBudget(time, 1, 1);
        await budget.WaitAsync(Key, CancellationToken.None);

        var sameKey = budget.WaitAsync(Key, CancellationToken.None).AsTask();
        var otherRegion = budget.WaitAsync("default/eu-west-1", CancellationToken.None).AsTask();
        var otherAccount = budget.WaitAsync("prod/us-east-1", CancellationToken.None).AsTask();

        Assert.True(otherRegion.IsCompletedSuccessfully);
        Assert.True(otherAccount.IsCompletedSuccessfully);
        Assert.False(sameKey.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await sameKey;
    }

    [Fact]
    public async Task A_waiter_that_gives_up_takes_no_token()
    {
        var budget = new TokenBucketRateBudget(time, 1, 1);
        await budget.WaitAsync(Key, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var abandoned = budget.WaitAsync(Key, giveUp.Token).AsTask();
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        time.Advance(TimeSpan.FromSeconds(1));
        var next = budget.WaitAsync(Key, CancellationToken.None).AsTask();

        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task An_idle_bucket_refills_only_to_its_burst()
    {
        var budget = new TokenBucketRateBudget(time, 2, 1);
        time.Advance(TimeSpan.FromMinutes(5));
        var waits = Enumerable.Range(0, 3).Select(_ => budget.WaitAsync(Key, CancellationToken.None).AsTask()).ToList();

        Assert.Equal(2, await GrantedAfter(waits, TimeSpan.Zero));
    }

    private async Task<int> GrantedAfter(List<Task> waits, TimeSpan step)
    {
        time.Advance(step);
        // Let granted waiters' continuations run; the fake clock does not move meanwhile.
        await Task.Delay(50);
        return waits.Count(w => w.IsCompletedSuccessfully);
    }
}
