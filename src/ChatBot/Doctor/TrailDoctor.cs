using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.Ec2;
using ChatBot.Aws.S3;
using Microsoft.Extensions.Options;

namespace ChatBot.Doctor;

/// <summary>Checks each account's trail against CloudTrail's best practices, plus the feed and the member role.
/// Every AWS refusal becomes a line of the report, never an exception.</summary>
public sealed class TrailDoctor(
    ITrailSettings trails, IBucketLifecycle buckets, IEc2 ec2, IFeedProbe feed, IMemberRoleProbe roles, IOptions<AwsOptions> aws)
{
    public async Task<IReadOnlyList<CheckResult>> CheckAsync(IReadOnlyList<AwsAccount> accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var queue = feed.CheckAsync(cancellationToken);
        var reports = await Task.WhenAll(accounts.Select(a => AccountAsync(a, queue, cancellationToken)));
        return reports.SelectMany(r => r).ToList();
    }

    private async Task<IEnumerable<CheckResult>> AccountAsync(AwsAccount account, Task<ProbeOutcome> queue, CancellationToken ct)
    {
        var role = roles.CheckAsync(account, ct);
        var facts = await GatherAsync(account, ct);
        return TrailChecks.For(account, facts).Append((await queue).For(account, CheckNames.Feed)).Append(await role);
    }

    private async Task<TrailFacts> GatherAsync(AwsAccount account, CancellationToken ct)
    {
        var regions = await Attempt(() => RegionsAsync(account, ct), ct);
        var regionList = regions.Value ?? [aws.Value.HomeRegion];
        var described = await Task.WhenAll(regionList.Select(r => Attempt(() => trails.DescribeTrailsAsync(account, r, ct), ct)));
        var byRegion = regionList.Zip(described).Where(p => p.Second.Value is not null).ToDictionary(p => p.First, p => p.Second.Value!);
        var facts = new TrailFacts(regionList, byRegion) { RegionsProblem = regions.Error };
        if (byRegion.Count == 0)
        {
            return facts with { DescribeProblem = described[0].Error };
        }

        var all = byRegion.Values.SelectMany(t => t).GroupBy(t => t.TrailArn!).Select(g => g.First()).ToList();
        var statuses = await Task.WhenAll(all.Select(t => Attempt(() => trails.GetTrailStatusAsync(account, HomeOf(t), t.TrailArn!, ct), ct)));
        var status = all.Zip(statuses).Where(p => p.Second.Value is not null).ToDictionary(p => p.First.TrailArn!, p => p.Second.Value!);
        facts = facts with { Status = status, StatusProblem = statuses.Select(s => s.Error).FirstOrDefault(e => e is not null) };

        var primary = TrailChecks.Primary(all, status);
        if (primary is null)
        {
            return facts;
        }

        var selectors = Attempt(() => trails.GetEventSelectorsAsync(account, HomeOf(primary), primary.TrailArn!, ct), ct);
        var lifecycle = primary.S3BucketName is { Length: > 0 } bucket
            ? Attempt<int?>(async () => await buckets.CountRulesAsync(account, HomeOf(primary), bucket, ct), ct)
            : Task.FromResult(new Outcome<int?>(null, null));
        var (chosen, rules) = (await selectors, await lifecycle);
        return facts with
        {
            Primary = primary,
            Selectors = chosen.Value,
            SelectorsProblem = chosen.Error,
            LifecycleRules = rules.Value,
            LifecycleProblem = rules.Error,
        };
    }

    private async Task<IReadOnlyList<string>> RegionsAsync(AwsAccount account, CancellationToken ct) =>
        aws.Value.SearchRegions is { Count: > 0 } configured ? configured : await ec2.ListRegionsAsync(account, ct);

    private string HomeOf(Trail trail) => trail.HomeRegion ?? aws.Value.HomeRegion;

    private static async Task<Outcome<T>> Attempt<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return new(await call(), null);
        }
        // Only the asker giving up ends the check; an AWS call timing out is one more line of the report.
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new(default, e);
        }
    }

    private readonly record struct Outcome<T>(T? Value, Exception? Error);
}

/// <summary>What AWS said about one account's trails, gathered before any verdict is drawn.</summary>
internal sealed record TrailFacts(IReadOnlyList<string> Regions, IReadOnlyDictionary<string, IReadOnlyList<Trail>> TrailsByRegion)
{
    public Exception? RegionsProblem { get; init; }
    public Exception? DescribeProblem { get; init; }
    public IReadOnlyDictionary<string, TrailStatus> Status { get; init; } = new Dictionary<string, TrailStatus>();
    public Exception? StatusProblem { get; init; }
    public Trail? Primary { get; init; }
    public TrailSelectors? Selectors { get; init; }
    public Exception? SelectorsProblem { get; init; }
    public int? LifecycleRules { get; init; }
    public Exception? LifecycleProblem { get; init; }
}
