using ChatBot.Bench.Reporting;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Scenarios;

/// <summary>The scenarios of issues 2, 3 and 5: each one's defaults and the targets it has to show.</summary>
public static class ScenarioCatalog
{
    public const string Engine = "engine";
    public const string All = "all";

    public static readonly string[] LoadScenarios = ["throughput", "throughput-socket", "shared", "ratelimit", "backpressure", "storm"];

    public static BenchSettings Defaults(string scenario) => scenario switch
    {
        // Throughput: 500 signed commands at concurrency 200 while AWS takes 300 ms a call.
        "throughput" or All => new BenchSettings { Scenario = scenario },
        // The same load as envelopes over one Socket Mode connection; an envelope's ack is due as fast as an HTTP ack.
        "throughput-socket" => new BenchSettings { Scenario = scenario, Transport = "socket" },
        // Twenty on-call engineers asking about the same instance at once.
        "shared" => new BenchSettings { Scenario = scenario, Commands = 20, Concurrency = 20, DistinctInstances = 1 },
        // Every question a different instance in one region, and CloudTrail throttling one call in five.
        "ratelimit" => new BenchSettings
        {
            Scenario = scenario, Commands = 30, Concurrency = 30, DistinctInstances = 30, AwsLatencyMs = 100, AwsThrottleRate = 0.2,
        },
        // Far more questions than the queue holds, while AWS is slow: some get "busy", nobody gets silence.
        "backpressure" => new BenchSettings
        {
            Scenario = scenario, Commands = 1000, Mentions = 200, Concurrency = 200, DistinctInstances = 10,
            AwsLatencyMs = 1000, QueueCapacity = 50,
        },
        // An incident storm under AWS's real limits: 25 instances in one of three enabled regions, regions not configured.
        "storm" => new BenchSettings
        {
            Scenario = scenario, DistinctInstances = 25, Regions = "us-east-1,eu-west-1,ap-southeast-2", InstanceRegion = "eu-west-1",
            ConfigureRegions = false, AwsLimits = true,
        },
        // One question at a time, to see which AWS calls overlap.
        Engine => new BenchSettings
        {
            Scenario = scenario, Commands = 3, Concurrency = 1, Regions = "us-east-1,us-west-2,eu-west-1,ap-southeast-2",
            InstanceRegion = "eu-west-1",
        },
        // 20 accounts × 4 regions, account and region unknown, every member account read through its role.
        AccountsScenario.Name => new BenchSettings
        {
            Scenario = scenario, Commands = 3, Concurrency = 1, Regions = "us-east-1,us-west-2,eu-west-1,ap-southeast-2",
            InstanceRegion = "eu-west-1", Warmup = 4, WarmupAcks = 50,
        },
        // Two replicas, one Redis: 25 instances, commands alternating between the replicas, each mention redelivered to the other.
        ReplicasScenario.Name or ReplicasScenario.Steady => new BenchSettings
        {
            Scenario = scenario, Commands = 50, Mentions = 50, Concurrency = 50, DistinctInstances = 25, AnswerTimeoutSeconds = 60,
        },
        // A burst of 1000 feed messages about 50 stops, alerts on.
        FeedScenario.Name => new BenchSettings { Scenario = scenario, Commands = 0, Concurrency = 1 },
        _ => throw new ArgumentException($"Unknown scenario '{scenario}'. Known: {string.Join(", ", [.. LoadScenarios, Engine, AccountsScenario.Name, ReplicasScenario.Name, ReplicasScenario.Steady, FeedScenario.Name, All])}"),
    };

    public static IReadOnlyList<Check> Targets(BenchSettings s, LoadReport r)
    {
        var questions = r.Commands + r.Mentions;
        var acked = new Check("every delivery acknowledged with 2xx in under 3 s", r.AcksOver3s == 0 && r.AckErrors.Count == 0,
            $"{r.AcksOver3s} over 3 s, {r.AckErrors.Values.Sum()} non-2xx, max {r.AckMs.Max:0.0} ms");
        var exactlyOnce = new Check("every question answered exactly once", r.Answered == questions && r.Duplicates == 0,
            $"{r.Answered}/{questions} answered, {r.Duplicates} duplicated, {r.Busy} busy, {r.Silent} silent");
        return s.Scenario switch
        {
            "shared" =>
            [
                exactlyOnce,
                new Check($"{questions} concurrent questions about one instance cost 1 LookupEvents", r.LookupEvents == 1, $"{r.LookupEvents} LookupEvents"),
            ],
            "ratelimit" =>
            [
                exactlyOnce,
                new Check("LookupEvents ≤ 2 per second per account and region", r.LookupPeak.InAnyWindow <= 2 && r.LookupPeak.PerWholeSecond <= 2,
                    $"{r.LookupPeak.PerWholeSecond} per whole second, {r.LookupPeak.InAnyWindow} in any 1 s window"),
                new Check("no ThrottlingException reaches a user", r.ThrottlingShown == 0,
                    $"{r.ThrottlingShown} answers mention throttling; {r.ThrottlesInjected} throttles injected"),
            ],
            "storm" =>
            [
                new Check($"DescribeInstances ≤ 2 per distinct instance ({2 * s.DistinctInstances})", r.DescribeInstances <= 2 * s.DistinctInstances,
                    $"{r.DescribeInstances} DescribeInstances"),
                new Check("no RequestLimitExceeded", r.Throttled(AwsStandIn.DescribeInstances) + r.Throttled(AwsStandIn.DescribeRegions) == 0,
                    $"{r.Throttled(AwsStandIn.DescribeInstances)} DescribeInstances, {r.Throttled(AwsStandIn.DescribeRegions)} DescribeRegions throttled"),
                new Check($"LookupEvents one per instance ({s.DistinctInstances}), none throttled",
                    r.LookupEvents == s.DistinctInstances && r.Throttled(AwsStandIn.LookupEvents) == 0,
                    $"{r.LookupEvents} LookupEvents, {r.Throttled(AwsStandIn.LookupEvents)} throttled"),
                new Check("every answer correct, none duplicated", r.Correct == questions && r.Duplicates == 0,
                    $"{r.Correct}/{questions} correct, {r.Duplicates} duplicated, {r.Missing} missing"),
                new Check("last answer within 16 s", r.DurationSeconds <= 16, $"{r.DurationSeconds:0.0} s"),
                new Check("ack p99 under 50 ms", r.AckMs.P99 < 50, $"p99 {r.AckMs.P99:0.0} ms"),
            ],
            "backpressure" =>
            [
                acked,
                new Check("saturated: some questions were told the bot is busy", r.Busy > 0, $"{r.Busy} busy"),
                new Check("never silence: every question gets an answer or a busy reply", r.Silent == 0, $"{r.Silent} silent"),
                new Check($"peak RSS under {s.RssBudgetMb} MB", r.PeakRssMb < s.RssBudgetMb, $"{r.PeakRssMb:0.0} MB"),
            ],
            _ =>
            [
                acked,
                new Check("ack p99 under 50 ms", r.AckMs.P99 < 50, $"p99 {r.AckMs.P99:0.0} ms"),
                exactlyOnce,
            ],
        };
    }
}
