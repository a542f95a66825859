using ChatBot.Aws;
using ChatBot.Aws.Ec2;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>Which regions a question covers, where each instance lives, and, for an instance EC2 does not know,
/// where CloudTrail remembers it. A found instance's location is remembered, so later questions ask only there.</summary>
public sealed class RegionSearch(
    InstanceStates states, IInstanceLocations locations, EnabledRegions enabled, Trails trails, IOptions<AwsOptions> aws)
{
    /// <summary>The question's own region, else WHOSTOPPED_REGIONS, else every region enabled for the account.</summary>
    public async Task<IReadOnlyList<string>> RegionsAsync(Question question, CancellationToken ct) =>
        question.Region is { Length: > 0 } region ? [region]
        : aws.Value.SearchRegions is { Count: > 0 } configured ? configured
        : await enabled.ForAsync(question.Account, ct);

    /// <summary>EC2 in one region, with the location memory kept in step: remembered where found, dropped where EC2
    /// says the instance is not. A region that could not answer changes nothing.</summary>
    public async Task<Outcome<Ec2Instance?>> DescribeInAsync(AwsAccount account, string region, string instanceId, CancellationToken ct)
    {
        var described = await Outcome.Of(() => states.DescribeAsync(account, region, instanceId, ct));
        var here = new InstanceLocation(account.Name, region);
        if (described.Error is null)
        {
            await (described.Value is null ? locations.ForgetAsync(instanceId, here, ct) : locations.RememberAsync(instanceId, here, ct));
        }

        return described;
    }

    /// <summary>Where the instance is among <paramref name="regions"/>: its remembered region if EC2 there still knows
    /// it, else every region at once.</summary>
    public async Task<Placement> LocateAsync(AwsAccount account, IReadOnlyList<string> regions, string instanceId, CancellationToken ct)
    {
        var searched = regions;
        if (await locations.FindAsync(instanceId, ct) is { } known && known.AccountName == account.Name && regions.Contains(known.Region))
        {
            var there = await DescribeInAsync(account, known.Region, instanceId, ct);
            if (there.Value is not null || there.Error is not null)
            {
                return new Placement(known.Region, there.Value, there.Error, []);
            }

            // EC2 there no longer knows it (and the memory has dropped it): every other region is asked.
            searched = [.. regions.Where(r => r != known.Region)];
        }

        var perRegion = searched.Zip(await Task.WhenAll(searched.Select(r => DescribeInAsync(account, r, instanceId, ct)))).ToList();
        if (perRegion.FirstOrDefault(p => p.Second.Value is not null) is { First: not null } hit)
        {
            return new Placement(hit.First, hit.Second.Value, null, []);
        }

        var unanswered = perRegion.Where(p => p.Second.Error is not null).ToList();
        // One region refusing (an SCP, a disabled region) must not hide "not found" from the others.
        return new Placement(null, null, unanswered.Count == regions.Count ? unanswered[0].Second.Error : null, [.. unanswered.Select(p => p.First)]);
    }

    /// <summary>CloudTrail for an instance EC2 did not find. Where EC2 said everywhere that it is not there, it is gone
    /// (terminated a while ago) or never was, and every region's CloudTrail is asked. Where some regions could not
    /// answer (throttled, failing), only those are asked: it may live there, and is not known to be gone.</summary>
    public async Task<(string? Region, Outcome<EventTrail> Trail)> FromCloudTrailAsync(
        AwsAccount account, IReadOnlyList<string> regions, Placement placement, string instanceId, CancellationToken ct)
    {
        var where = placement.Unanswered.Count > 0 ? placement.Unanswered : regions;
        var searched = where.Zip(await Task.WhenAll(where.Select(r => trails.SearchAsync(account, r, instanceId, ct)))).ToList();
        if (searched.FirstOrDefault(p => p.Second.Value is { IsEmpty: false }) is { First: not null } match)
        {
            return match;
        }

        return (null, new(EventTrail.Empty, searched.Select(p => p.Second.Error).FirstOrDefault(e => e is not null)));
    }
}

/// <summary>Where an instance was found. <see cref="Region"/> null: not found; <see cref="Unanswered"/> names the
/// regions whose EC2 could not say, and <see cref="Error"/> is set only when none could.</summary>
public sealed record Placement(string? Region, Ec2Instance? Instance, Exception? Error, IReadOnlyList<string> Unanswered);
