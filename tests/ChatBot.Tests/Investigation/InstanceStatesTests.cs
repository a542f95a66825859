using ChatBot.Aws;
using ChatBot.Aws.Ec2;
using ChatBot.Investigation;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Investigation;

/// <summary>DescribeInstances coalescing, with the clock held still so that "arriving together" is exact.</summary>
public sealed class InstanceStatesTests : IDisposable
{
    private static readonly string[] ThreeIds = ["i-00000001", "i-00000002", "i-00000003"];
    private static readonly string[] TwoRegions = ["us-east-1", "eu-west-1"];
    private readonly FakeTimeProvider time = new();
    private readonly RecordingEc2 ec2 = new();
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task Questions_arriving_together_share_one_call_per_region()
    {
        using var states = States();
        var asked = ThreeIds
            .SelectMany(id => TwoRegions.Select(r => states.DescribeAsync(AwsAccount.Default, r, id, CancellationToken.None)))
            .ToList();

        time.Advance(InstanceStates.Gather);
        await Task.WhenAll(asked);

        Assert.Equal(2, ec2.Calls.Count);
        Assert.All(ec2.Calls, c => Assert.Equal(ThreeIds, c.Ids.Order()));
        Assert.Equal(["eu-west-1", "us-east-1"], ec2.Calls.Select(c => c.Region).Order());
    }

    [Fact]
    public async Task The_same_instance_asked_while_a_call_is_in_flight_joins_it()
    {
        using var states = States();
        ec2.Hold = new TaskCompletionSource();
        var first = states.DescribeAsync(AwsAccount.Default, "us-east-1", "i-00000001", CancellationToken.None);
        time.Advance(InstanceStates.Gather);
        var joined = states.DescribeAsync(AwsAccount.Default, "us-east-1", "i-00000001", CancellationToken.None);
        time.Advance(InstanceStates.Gather);

        ec2.Hold.SetResult();

        Assert.Equal("stopped", (await first)!.State);
        Assert.Equal("stopped", (await joined)!.State);
        Assert.Single(ec2.Calls);
    }

    [Fact]
    public async Task More_than_200_ids_are_split_into_calls_of_at_most_200()
    {
        using var states = States();
        var asked = Enumerable.Range(0, 450).Select(i => states.DescribeAsync(AwsAccount.Default, "us-east-1", $"i-{i:x8}", CancellationToken.None)).ToList();

        time.Advance(InstanceStates.Gather);
        await Task.WhenAll(asked);

        Assert.Equal([200, 200, 50], ec2.Calls.Select(c => c.Ids.Count).Order().Reverse());
    }

    [Fact]
    public async Task A_described_state_and_an_absence_are_reused_within_the_freshness_window()
    {
        using var states = States(stateSeconds: 5);
        var first = states.DescribeAsync(AwsAccount.Default, "us-east-1", "i-00000001", CancellationToken.None);
        var absent = states.DescribeAsync(AwsAccount.Default, "us-east-1", "i-0000dead", CancellationToken.None);
        time.Advance(InstanceStates.Gather);
        await Task.WhenAll(first, absent);

        Assert.NotNull(await states.DescribeAsync(AwsAccount.Default, "us-east-1", "i-00000001", CancellationToken.None));
        Assert.Null(await states.DescribeAsync(AwsAccount.Default, "us-east-1", "i-0000dead", CancellationToken.None));
        Assert.Single(ec2.Calls);
    }

    [Fact]
    public async Task With_no_freshness_window_every_question_asks_ec2()
    {
        using var states = States(stateSeconds: 0);
        for (var i = 0; i < 2; i++)
        {
            var asked = states.DescribeAsync(AwsAccount.Default, "us-east-1", "i-00000001", CancellationToken.None);
            time.Advance(InstanceStates.Gather);
            await asked;
        }

        Assert.Equal(2, ec2.Calls.Count);
    }

    [Fact]
    public async Task A_failed_call_fails_every_question_in_it_and_is_not_remembered()
    {
        using var states = States();
        ec2.Failure = new AwsCallException("ec2:DescribeInstances", "RequestLimitExceeded", "Request limit exceeded.");
        var asked = ThreeIds.Take(2).Select(id => states.DescribeAsync(AwsAccount.Default, "us-east-1", id, CancellationToken.None)).ToList();
        time.Advance(InstanceStates.Gather);

        foreach (var question in asked)
        {
            await Assert.ThrowsAsync<AwsCallException>(() => question);
        }

        ec2.Failure = null;
        var again = states.DescribeAsync(AwsAccount.Default, "us-east-1", "i-00000001", CancellationToken.None);
        time.Advance(InstanceStates.Gather);
        Assert.NotNull(await again);
        Assert.Equal(2, ec2.Calls.Count);
    }

    private InstanceStates States(int stateSeconds = 5) =>
        new(ec2, cache, time, Options.Create(new InvestigationOptions { StateSeconds = stateSeconds }));

    /// <summary>EC2 where every ID except those ending in "dead" is a stopped instance.</summary>
    private sealed class RecordingEc2 : IEc2
    {
        public List<(string Region, IReadOnlyCollection<string> Ids)> Calls { get; } = [];
        public TaskCompletionSource? Hold { get; set; }
        public Exception? Failure { get; set; }

        public Task<IReadOnlyList<string>> ListRegionsAsync(AwsAccount account, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public async Task<IReadOnlyList<Ec2Instance>> DescribeInstancesAsync(
            AwsAccount account, string region, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((region, [.. instanceIds]));
            }

            if (Hold is not null)
            {
                await Hold.Task;
            }

            return Failure is not null ? throw Failure
                : [.. instanceIds.Where(id => !id.EndsWith("dead", StringComparison.Ordinal)).Select(id => new Ec2Instance(id, region, "stopped"))];
        }
    }
}
