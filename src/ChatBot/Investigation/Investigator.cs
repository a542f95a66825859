using System.Diagnostics;
using ChatBot.Aws;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>Finds the instances, then who stopped them. With one region, EC2 and CloudTrail are asked at once;
/// otherwise <see cref="RegionSearch"/> finds where each instance lives, and CloudTrail is asked there.</summary>
public sealed partial class Investigator(
    RegionSearch regionSearch, Trails trails, IOptions<InvestigationOptions> options, ILogger<Investigator> logger) : IInvestigator
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
                var regions = await regionSearch.RegionsAsync(question, deadline.Token);
                var findings = await Task.WhenAll(regions.Count == 1
                    ? valid.Select(id => InRegionAsync(question.Account, regions[0], id, deadline.Token))
                    : valid.Select(id => AcrossRegionsAsync(question.Account, regions, id, deadline.Token)));
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

        var result = ids.Select(id => answered.GetValueOrDefault(id) ?? Unanswered(id, new Problem(ProblemKind.NotAnInstanceId) { Subject = id })).ToList();
        LogAnswered(string.Join(' ', ids), Stopwatch.GetElapsedTime(started).TotalMilliseconds, result.Count(f => f.HasProblem));
        return result;
    }

    private async Task<Finding> InRegionAsync(AwsAccount account, string region, string id, CancellationToken ct)
    {
        // A search without a fresh cached answer starts now, beside DescribeInstances, so a first answer costs one round trip.
        var early = trails.IsCached(account, region, id) ? null : trails.SearchAsync(account, region, id, ct);
        var described = await regionSearch.DescribeInAsync(account, region, id, ct);
        var trail = await trails.ForAsync(account, region, id, described.Value, early, ct);
        return Verdict.For(id, region, described.Value, trail.Value ?? EventTrail.Empty, new Verdict.Problems(DescribeAny(described.Error), DescribeAny(trail.Error)));
    }

    private async Task<Finding> AcrossRegionsAsync(AwsAccount account, IReadOnlyList<string> regions, string id, CancellationToken ct)
    {
        var placement = await regionSearch.LocateAsync(account, regions, id, ct);
        if (placement.Region is { } region)
        {
            var trail = await trails.ForAsync(account, region, id, placement.Instance, null, ct);
            return Verdict.For(id, region, placement.Instance, trail.Value ?? EventTrail.Empty,
                new Verdict.Problems(DescribeAny(placement.Error), DescribeAny(trail.Error)));
        }

        var (where, found) = await regionSearch.FromCloudTrailAsync(account, regions, placement, id, ct);
        var finding = Verdict.For(id, where, null, found.Value ?? EventTrail.Empty,
            new Verdict.Problems(DescribeAny(placement.Error), where is null ? DescribeAny(found.Error) : null));
        return where is null && placement.Error is null ? finding with { UnansweredRegions = placement.Unanswered } : finding;
    }

    private Problem? DescribeAny(Exception? e) => e is null ? null : Describe(e);

    private Problem Describe(Exception e)
    {
        if (e is AwsCallException aws)
        {
            LogAwsError(aws.Action, aws.ErrorCode, aws.RequestId);
        }
        else if (e is not (NoCredentialsException or OperationCanceledException or TimeoutException or HttpRequestException))
        {
            LogUnexpected(e);
        }

        return Problem.From(e, Options.Timeout);
    }

    private static Finding Unanswered(string id, Problem problem) => new() { InstanceId = id, Problems = [problem] };

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {InstanceIds} in {DurationMs:0} ms ({Errors} with errors)")]
    private partial void LogAnswered(string instanceIds, double durationMs, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AWS call {Action} failed with {ErrorCode} (request ID {AwsRequestId})")]
    private partial void LogAwsError(string action, string errorCode, string? awsRequestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure while investigating")]
    private partial void LogUnexpected(Exception exception);
}
