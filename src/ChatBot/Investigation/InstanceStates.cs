using ChatBot.Aws;
using ChatBot.Aws.Ec2;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>DescribeInstances, coalesced. Questions in flight about the same instance share one call; questions
/// arriving within <see cref="Gather"/> of each other share one call per account and region (up to
/// <see cref="MaxIdsPerCall"/> IDs), and while a region's call is out, the next questions gather for the one after it;
/// an answer is reused for WHOSTOPPED_STATE_SECONDS, so a storm of questions costs a handful of calls.</summary>
public sealed class InstanceStates(IEc2 ec2, IMemoryCache cache, TimeProvider time, IOptions<InvestigationOptions> options) : IDisposable
{
    /// <summary>How long the first question of a batch waits for others to join it: long enough for the rest of its own
    /// IDs (asked in the same breath), short enough not to show in a lone question's answer. In a storm the coalescing
    /// comes from the call in flight, which the next questions wait for and then share.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(1);

    /// <summary>EC2 takes at most 200 values per filter.</summary>
    public const int MaxIdsPerCall = 200;

    private readonly Dictionary<string, Task<Ec2Instance?>> inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    // Calls outlive the questions that started them; this ends any still running when the app is torn down.
    private readonly CancellationTokenSource closing = new();

    /// <summary>The instance as EC2 in <paramref name="region"/> describes it, or null when EC2 there does not know it.
    /// Throws when EC2 could not say.</summary>
    public Task<Ec2Instance?> DescribeAsync(AwsAccount account, string region, string instanceId, CancellationToken cancellationToken)
    {
        // Its own prefix: the same cache holds CloudTrail answers under account/region/id.
        var key = $"state/{RateBudgets.Key(account, region)}/{instanceId}";
        if (cache.TryGetValue<Fresh>(key, out var fresh))
        {
            return Task.FromResult(fresh!.Instance);
        }

        (Lane Lane, Batch Batch)? full = null;
        Task<Ec2Instance?> answer;
        lock (gate)
        {
            if (!inFlight.TryGetValue(key, out answer!))
            {
                var name = RateBudgets.Key(account, region);
                var lane = lanes.TryGetValue(name, out var l) ? l : lanes[name] = new Lane(account, region);
                if (lane.Gathering is null)
                {
                    lane.Gathering = new Batch();
                    if (lane.Calls == 0)
                    {
                        _ = SendLaterAsync(lane, lane.Gathering);
                    }
                }

                answer = inFlight[key] = lane.Gathering.Add(instanceId, key);
                if (lane.Gathering.Waiters.Count >= MaxIdsPerCall)
                {
                    full = (lane, Take(lane));
                }
            }
        }

        if (full is { } call)
        {
            _ = SendAsync(call.Lane, call.Batch);
        }

        return answer.WaitAsync(cancellationToken);
    }

    private async Task SendLaterAsync(Lane lane, Batch batch)
    {
        await Task.Delay(Gather, time).ConfigureAwait(false);
        lock (gate)
        {
            // Sent already (it filled up), or a call is out and this batch goes when it returns.
            if (lane.Gathering != batch || lane.Calls > 0)
            {
                return;
            }

            Take(lane);
        }

        await SendAsync(lane, batch).ConfigureAwait(false);
    }

    // Under the gate: the lane's gathering batch becomes a call.
    private static Batch Take(Lane lane)
    {
        var batch = lane.Gathering!;
        lane.Gathering = null;
        lane.Calls++;
        return batch;
    }

    private async Task SendAsync(Lane lane, Batch batch)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        deadline.CancelAfter(options.Value.Timeout);
        Dictionary<string, Ec2Instance>? found = null;
        Exception? failure = null;
        try
        {
            found = (await ec2.DescribeInstancesAsync(lane.Account, lane.Region, batch.Waiters.Keys, deadline.Token).ConfigureAwait(false))
                .GroupBy(i => i.InstanceId).ToDictionary(g => g.Key, g => g.First());
        }
        catch (Exception e)
        {
            failure = e;
        }

        Batch? next = null;
        lock (gate)
        {
            // Done before the answers go out, so a question that arrives after them asks again (or finds them fresh).
            foreach (var (id, waiter) in batch.Waiters)
            {
                inFlight.Remove(waiter.Key);
                if (found is not null && options.Value.StateSeconds > 0)
                {
                    cache.Set(waiter.Key, new Fresh(found.GetValueOrDefault(id)), new MemoryCacheEntryOptions
                    {
                        AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.StateSeconds),
                        Size = 1,
                    });
                }
            }

            lane.Calls--;
            if (lane.Calls == 0 && lane.Gathering is not null)
            {
                next = Take(lane);
            }
        }

        foreach (var (id, waiter) in batch.Waiters)
        {
            _ = found is not null ? waiter.Answer.TrySetResult(found.GetValueOrDefault(id)) : waiter.Answer.TrySetException(failure!);
        }

        if (next is not null)
        {
            await SendAsync(lane, next).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
    }

    /// <summary>One account and region: the batch gathering, and how many calls are out.</summary>
    private sealed class Lane(AwsAccount account, string region)
    {
        public AwsAccount Account { get; } = account;
        public string Region { get; } = region;
        public Batch? Gathering { get; set; }
        public int Calls { get; set; }
    }

    private sealed class Batch
    {
        public Dictionary<string, Waiter> Waiters { get; } = new(StringComparer.Ordinal);

        public Task<Ec2Instance?> Add(string id, string key)
        {
            var waiter = new Waiter(key, new TaskCompletionSource<Ec2Instance?>(TaskCreationOptions.RunContinuationsAsynchronously));
            Waiters[id] = waiter;
            return waiter.Answer.Task;
        }
    }

    private sealed record Waiter(string Key, TaskCompletionSource<Ec2Instance?> Answer);

    // Absence is remembered too: an instance not in a region now will not be there in a few seconds.
    private sealed record Fresh(Ec2Instance? Instance);
}
