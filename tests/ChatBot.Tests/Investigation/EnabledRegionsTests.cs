using ChatBot.Aws;
using ChatBot.Aws.Ec2;
using ChatBot.Investigation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Investigation;

public sealed class EnabledRegionsTests
{
    private readonly FakeTimeProvider time = new();
    private readonly ListingEc2 ec2 = new();

    [Fact]
    public async Task Forty_questions_at_a_cold_start_make_one_describe_regions()
    {
        using var regions = new EnabledRegions(ec2, time, Options.Create(new InvestigationOptions()));
        ec2.Hold = new TaskCompletionSource();
        var asked = Enumerable.Range(0, 40).Select(_ => regions.ForAsync(AwsAccount.Default, CancellationToken.None)).ToList();
        ec2.Hold.SetResult();

        Assert.All(await Task.WhenAll(asked), r => Assert.Equal(["eu-west-1", "us-east-1"], r));
        Assert.Equal(1, ec2.Calls);
    }

    [Fact]
    public async Task The_list_is_asked_again_after_an_hour_and_per_account()
    {
        using var regions = new EnabledRegions(ec2, time, Options.Create(new InvestigationOptions()));
        await regions.ForAsync(AwsAccount.Default, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(59));
        await regions.ForAsync(AwsAccount.Default, CancellationToken.None);
        Assert.Equal(1, ec2.Calls);

        await regions.ForAsync(new AwsAccount("prod"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        await regions.ForAsync(AwsAccount.Default, CancellationToken.None);

        Assert.Equal(3, ec2.Calls);
    }

    [Fact]
    public async Task A_failed_listing_is_not_kept()
    {
        using var regions = new EnabledRegions(ec2, time, Options.Create(new InvestigationOptions()));
        ec2.Failure = new AwsCallException("ec2:DescribeRegions", "RequestLimitExceeded", "Request limit exceeded.");
        await Assert.ThrowsAsync<AwsCallException>(() => regions.ForAsync(AwsAccount.Default, CancellationToken.None));

        ec2.Failure = null;

        Assert.Equal(2, (await regions.ForAsync(AwsAccount.Default, CancellationToken.None)).Count);
        Assert.Equal(2, ec2.Calls);
    }

    private sealed class ListingEc2 : IEc2
    {
        private int calls;

        public int Calls => calls;
        public TaskCompletionSource? Hold { get; set; }
        public Exception? Failure { get; set; }

        public async Task<IReadOnlyList<string>> ListRegionsAsync(AwsAccount account, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            if (Hold is not null)
            {
                await Hold.Task;
            }

            return Failure is not null ? throw Failure : ["eu-west-1", "us-east-1"];
        }

        public Task<IReadOnlyList<Ec2Instance>> DescribeInstancesAsync(
            AwsAccount account, string region, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
