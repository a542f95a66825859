using ChatBot.Aws;
using ChatBot.Aws.Ec2;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>What CloudTrail says about one instance in one region, through the single-flight search and the answer
/// cache, which is keyed by the instance's state so that a changed state asks again.</summary>
public sealed class Trails(EventSearch search, LookupCache lookups, IOptions<InvestigationOptions> options)
{
    public bool IsCached(AwsAccount account, string region, string instanceId) => lookups.Has(Key(account, region, instanceId));

    /// <summary>Searches CloudTrail (or joins the search already running), ignoring the answer cache.</summary>
    public Task<Outcome<EventTrail>> SearchAsync(AwsAccount account, string region, string instanceId, CancellationToken ct) =>
        SearchAsync(account, region, instanceId, null, ct);

    /// <summary>The trail for an instance in the state EC2 gave: cached while that state holds, else from
    /// <paramref name="early"/> (a search started beside DescribeInstances) or a new search; kept for later questions.</summary>
    public async Task<Outcome<EventTrail>> ForAsync(
        AwsAccount account, string region, string instanceId, Ec2Instance? instance, Task<Outcome<EventTrail>>? early, CancellationToken ct)
    {
        var key = Key(account, region, instanceId);
        var fingerprint = Fingerprint(instance);
        if (early is null && lookups.TryGet(key, fingerprint) is { } cached)
        {
            return new(cached, null);
        }

        if (early is null)
        {
            return await SearchAsync(account, region, instanceId, fingerprint, ct);
        }

        // Started before EC2 answered, so it could not know the state to store the trail under.
        var trail = await early;
        if (trail.Value is not null)
        {
            lookups.Store(key, fingerprint, trail.Value);
        }

        return trail;
    }

    private Task<Outcome<EventTrail>> SearchAsync(AwsAccount account, string region, string instanceId, string? fingerprint, CancellationToken ct) =>
        Outcome.Of(() => lookups.RunAsync(Key(account, region, instanceId), fingerprint,
            t => search.SearchAsync(account, region, instanceId, options.Value.MaxPages, t), ct));

    private static string Key(AwsAccount account, string region, string id) => $"{RateBudgets.Key(account, region)}/{id}";

    /// <summary>What a cached answer depends on: when the state changes, the answer may have too.</summary>
    private static string Fingerprint(Ec2Instance? instance) =>
        instance is null ? "absent" : $"{instance.State}|{instance.StateReasonCode}|{instance.StateTransitionReason}";
}
