using System.Diagnostics;
using ChatBot.Aws;
using ChatBot.Aws.Ec2;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>Finds the instances, then who stopped them. With one region, EC2 and CloudTrail are asked at once;
/// otherwise every region is asked at once for the instances, and CloudTrail only where they live.</summary>
public sealed partial class Investigator(
    IEc2 ec2, EventSearch search, LookupCache lookups, IMemoryCache cache,
    IOptions<InvestigationOptions> options, IOptions<AwsOptions> aws, ILogger<Investigator> logger) : IInvestigator
{
    private InvestigationOptions Options => options.Value;

    public async Task<IReadOnlyList<Finding>> InvestigateAsync(Question question, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var ids = question.InstanceIds.Distinct().ToList();
        var valid = ids.Where(InstanceId.IsValid).ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.Timeout);

        var answered = new Dictionary<string, Finding>();
        if (valid.Count > 0)
        {
            try
            {
                var regions = await RegionsAsync(question, deadline.Token);
                var findings = regions.Count == 1
                    ? await InRegionAsync(question.Account, regions[0], valid, deadline.Token)
                    : await AcrossRegionsAsync(question.Account, regions, valid, deadline.Token);
                foreach (var finding in findings)
                {
                    answered[finding.InstanceId] = finding;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var error = Describe(e);
                valid.ForEach(id => answered[id] = Unanswered(id, error));
            }
        }

        var result = ids.Select(id => answered.GetValueOrDefault(id) ?? Unanswered(id, $"`{id}` is not an instance ID: expected {InstanceId.ExpectedForm}.")).ToList();
        LogAnswered(string.Join(' ', ids), Stopwatch.GetElapsedTime(started).TotalMilliseconds, result.Count(f => f.Error is not null));
        return result;
    }

    private async Task<IReadOnlyList<string>> RegionsAsync(Question question, CancellationToken ct)
    {
        if (question.Region is { Length: > 0 } region)
        {
            return [region];
        }

        if (aws.Value.SearchRegions is { Count: > 0 } configured)
        {
            return configured;
        }

        return await cache.GetOrCreateAsync($"regions/{question.Account.Name}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
            entry.Size = 1;
            return await ec2.ListRegionsAsync(question.Account, ct);
        }) ?? [];
    }

    private async Task<IEnumerable<Finding>> InRegionAsync(AwsAccount account, string region, List<string> ids, CancellationToken ct)
    {
        // Searches without a fresh cached answer start now, beside DescribeInstances, so a first answer costs one round trip.
        var early = ids.Where(id => !lookups.Has(Key(account, region, id)))
            .ToDictionary(id => id, id => Attempt(() => lookups.RunAsync(Key(account, region, id), t => Search(account, region, id, t), ct)));
        var described = await Attempt(() => DescribeAsync(account, region, ids, ct));
        var instances = described.Value ?? new Dictionary<string, Ec2Instance>();

        return await Task.WhenAll(ids.Select(async id =>
        {
            var instance = instances.GetValueOrDefault(id);
            var trail = await TrailAsync(account, region, id, instance, early.GetValueOrDefault(id), ct);
            return Verdict.For(id, region, instance, trail.Value ?? EventTrail.Empty, new Verdict.Problems(DescribeAny(described.Error), DescribeAny(trail.Error)));
        }));
    }

    private async Task<IEnumerable<Finding>> AcrossRegionsAsync(AwsAccount account, IReadOnlyList<string> regions, List<string> ids, CancellationToken ct)
    {
        var perRegion = await Task.WhenAll(regions.Select(r => Attempt(() => DescribeAsync(account, r, ids, ct))));
        var where = regions.Zip(perRegion)
            .SelectMany(p => (p.Second.Value ?? []).Select(i => (Region: p.First, Instance: i.Value)))
            .GroupBy(p => p.Instance.InstanceId).ToDictionary(g => g.Key, g => g.First());
        // One region refusing (an SCP, a disabled region) must not hide "not found" from the others.
        var ec2Error = perRegion.All(p => p.Error is not null) ? perRegion[0].Error : null;

        return await Task.WhenAll(ids.Select(async id =>
        {
            if (where.TryGetValue(id, out var hit))
            {
                var trail = await TrailAsync(account, hit.Region, id, hit.Instance, null, ct);
                return Verdict.For(id, hit.Region, hit.Instance, trail.Value ?? EventTrail.Empty, new Verdict.Problems(null, DescribeAny(trail.Error)));
            }

            // Gone from EC2 (terminated a while ago) or never here: CloudTrail may still remember it somewhere.
            var trails = await Task.WhenAll(regions.Select(r => Attempt(() => lookups.RunAsync(Key(account, r, id), t => Search(account, r, id, t), ct))));
            var match = regions.Zip(trails).FirstOrDefault(p => p.Second.Value is { IsEmpty: false });
            var trailError = trails.Select(t => t.Error).FirstOrDefault(e => e is not null);
            return Verdict.For(id, match.First, null, match.Second.Value ?? EventTrail.Empty,
                new Verdict.Problems(DescribeAny(ec2Error), match.First is null ? DescribeAny(trailError) : null));
        }));
    }

    private async Task<Outcome<EventTrail>> TrailAsync(
        AwsAccount account, string region, string id, Ec2Instance? instance, Task<Outcome<EventTrail>>? early, CancellationToken ct)
    {
        var key = Key(account, region, id);
        var fingerprint = Fingerprint(instance);
        if (early is null && lookups.TryGet(key, fingerprint) is { } cached)
        {
            return new(cached, null);
        }

        var trail = await (early ?? Attempt(() => lookups.RunAsync(key, t => Search(account, region, id, t), ct)));
        if (trail.Value is not null)
        {
            lookups.Store(key, fingerprint, trail.Value);
        }

        return trail;
    }

    private Task<EventTrail> Search(AwsAccount account, string region, string id, CancellationToken ct) =>
        search.SearchAsync(account, region, id, Options.MaxPages, ct);

    private async Task<Dictionary<string, Ec2Instance>> DescribeAsync(AwsAccount account, string region, List<string> ids, CancellationToken ct)
    {
        // EC2 takes at most 200 values per filter.
        var batches = await Task.WhenAll(ids.Chunk(200).Select(batch => ec2.DescribeInstancesAsync(account, region, batch, ct)));
        return batches.SelectMany(b => b).GroupBy(i => i.InstanceId).ToDictionary(g => g.Key, g => g.First());
    }

    private static string Key(AwsAccount account, string region, string id) => $"{account.Name}/{region}/{id}";

    /// <summary>What a cached answer depends on: when the state changes, the answer may have too.</summary>
    private static string Fingerprint(Ec2Instance? instance) =>
        instance is null ? "absent" : $"{instance.State}|{instance.StateReasonCode}|{instance.StateTransitionReason}";

    private string? DescribeAny(Exception? e) => e is null ? null : Describe(e);

    private string Describe(Exception e)
    {
        if (e is AwsCallException aws)
        {
            LogAwsError(aws.Action, aws.ErrorCode, aws.RequestId);
        }
        else if (e is not (NoCredentialsException or OperationCanceledException or TimeoutException or HttpRequestException))
        {
            LogUnexpected(e);
        }

        return ErrorText.For(e, Options.Timeout);
    }

    private static Finding Unanswered(string id, string error) =>
        new() { InstanceId = id, Error = error, Explanation = error };

    private static async Task<Outcome<T>> Attempt<T>(Func<Task<T>> call)
    {
        try
        {
            return new(await call(), null);
        }
        catch (Exception e)
        {
            return new(default, e);
        }
    }

    private readonly record struct Outcome<T>(T? Value, Exception? Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {InstanceIds} in {DurationMs:0} ms ({Errors} with errors)")]
    private partial void LogAnswered(string instanceIds, double durationMs, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AWS call {Action} failed with {ErrorCode} (request ID {AwsRequestId})")]
    private partial void LogAwsError(string action, string errorCode, string? awsRequestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure while investigating")]
    private partial void LogUnexpected(Exception exception);
}
