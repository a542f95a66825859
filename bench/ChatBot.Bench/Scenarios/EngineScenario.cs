using System.Globalization;
using ChatBot.Bench.Load;
using ChatBot.Bench.Reporting;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Scenarios;

/// <summary>One AWS call of a probe, in milliseconds after the question was sent; the account is null outside an organisation.</summary>
public sealed record CallTiming(string Action, string Region, double StartMs, double EndMs, string? Account = null);

/// <summary>One question asked alone, with the AWS calls it caused.</summary>
public sealed record EngineProbe(string Case, string InstanceId, double? AnswerMs, IReadOnlyList<CallTiming> Calls)
{
    public IReadOnlyList<CallTiming> Of(string action) => Calls.Where(c => c.Action == action).ToList();

    /// <summary>How long LookupEvents and DescribeInstances were both in flight: positive means concurrent.</summary>
    public double OverlapMs => Of(AwsStandIn.LookupEvents).Count == 0 || Of(AwsStandIn.DescribeInstances).Count == 0 ? 0
        : Calls.Where(c => c.Action != AwsStandIn.DescribeRegions).Min(c => c.EndMs) - Calls.Where(c => c.Action != AwsStandIn.DescribeRegions).Max(c => c.StartMs);

    /// <summary>From the first DescribeInstances to start to the last: near zero means all regions were asked at once.</summary>
    public double DescribeSpreadMs => Of(AwsStandIn.DescribeInstances) is { Count: > 0 } d ? d.Max(c => c.StartMs) - d.Min(c => c.StartMs) : 0;

    public string Line()
    {
        var calls = string.Join("; ", Calls.OrderBy(c => c.StartMs).Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{c.Action} {c.Region} +{c.StartMs:0}..+{c.EndMs:0}")));
        var shape = Case == EngineScenario.RegionKnown
            ? $"LookupEvents and DescribeInstances both in flight for {OverlapMs:0} ms"
            : $"DescribeInstances start spread {DescribeSpreadMs:0.0} ms";
        return string.Create(CultureInfo.InvariantCulture, $"  {Case,-15} {InstanceId}: answer {AnswerMs:0} ms; {calls}; {shape}");
    }
}

public sealed record EngineReport(string Scenario, int AwsLatencyMs, IReadOnlyList<EngineProbe> Probes, IReadOnlyList<Check> Checks) : IScenarioReport
{
    public IEnumerable<string> Lines() =>
        [$"scenario {Scenario}: single questions, AWS {AwsLatencyMs} ms per call", .. Probes.Select(p => p.Line()),
         .. Checks.Select(c => $"  {(c.Met ? "MET " : "MISS")}            {c.Target} (measured: {c.Measured})")];
}

/// <summary>The engine's checks, one question at a time so that each one's AWS calls can be told apart: with the region
/// known, LookupEvents and DescribeInstances overlap; without it, every region is asked at once.</summary>
public static class EngineScenario
{
    public const string RegionKnown = "region known";
    public const string RegionUnknown = "region unknown";

    public static async Task<EngineReport> RunAsync(BenchSettings s, CancellationToken ct)
    {
        await using var bench = await BenchEnvironment.StartAsync(s, ct);
        await bench.WarmUpAsync(s, ct);
        var probes = new List<EngineProbe>();
        for (var i = 0; i < Math.Max(1, s.Commands); i++)
        {
            probes.Add(await ProbeAsync(bench, i, RegionKnown, Question.InstanceFor(2_000_000 + i), s.InstanceRegion, s, ct));
            probes.Add(await ProbeAsync(bench, i, RegionUnknown, Question.InstanceFor(3_000_000 + i), null, s, ct));
        }

        var known = probes.Where(p => p.Case == RegionKnown).ToList();
        var unknown = probes.Where(p => p.Case == RegionUnknown).ToList();
        var regions = s.RegionList.Count;
        Check[] checks =
        [
            new("region known: 1 LookupEvents and 1 DescribeInstances, made concurrently",
                known.All(p => p.Of(AwsStandIn.LookupEvents).Count == 1 && p.Of(AwsStandIn.DescribeInstances).Count == 1 && p.OverlapMs > 0),
                $"overlap {string.Join(", ", known.Select(p => p.OverlapMs.ToString("0", CultureInfo.InvariantCulture)))} ms of {s.AwsLatencyMs} ms calls"),
            new($"region unknown: one DescribeInstances in each of {regions} regions, all concurrent (start spread < {s.AwsLatencyMs / 2} ms)",
                unknown.All(p => p.Of(AwsStandIn.DescribeInstances).Select(c => c.Region).Distinct().Count() == regions
                    && p.Of(AwsStandIn.DescribeInstances).Count == regions && p.DescribeSpreadMs < s.AwsLatencyMs / 2.0),
                $"spread {string.Join(", ", unknown.Select(p => p.DescribeSpreadMs.ToString("0.0", CultureInfo.InvariantCulture)))} ms"),
            new("region unknown: LookupEvents only where the instance lives",
                unknown.All(p => p.Of(AwsStandIn.LookupEvents) is { Count: 1 } l && l[0].Region == s.InstanceRegion),
                string.Join(", ", unknown.Select(p => p.Of(AwsStandIn.LookupEvents).Count))),
            new("every probe answered and names the stopper", probes.All(p => p.AnswerMs is not null), $"{probes.Count(p => p.AnswerMs is not null)}/{probes.Count}"),
        ];
        return new EngineReport(s.Scenario, s.AwsLatencyMs, probes, checks);
    }

    /// <summary>One question alone, from a clean record of calls and posts: its answer time and the calls it caused.</summary>
    internal static async Task<EngineProbe> ProbeAsync(BenchEnvironment bench, int index, string label, string instanceId, string? region, BenchSettings s, CancellationToken ct)
    {
        bench.Aws.Calls.Clear();
        bench.Slack.Posts.Clear();
        var question = Question.Create(label == RegionKnown ? "EK" : "EU", QuestionKind.Command, index, instanceId, region);
        var acks = await bench.Driver.AskAsync([question], 1, 0, ct);
        var outcome = (await bench.AwaitAnswersAsync([question], acks, TimeSpan.FromSeconds(s.AnswerTimeoutSeconds), ct))[0];
        var sent = acks[0].SentMs;
        var calls = bench.Aws.Calls.Snapshot().Select(c => new CallTiming(c.Action, c.Region, c.StartMs - sent, c.EndMs - sent, c.Account)).ToList();
        var named = outcome.AnswerText?.Contains(AwsAnswers.Stopper, StringComparison.Ordinal) == true;
        return new EngineProbe(label, instanceId, named ? outcome.AnswerMs : null, calls);
    }
}
