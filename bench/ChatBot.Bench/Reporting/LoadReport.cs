using ChatBot.Bench.Load;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Reporting;

/// <summary>The measured numbers of one load run: acks, answers, AWS calls and memory.</summary>
public sealed record LoadReport : IScenarioReport
{
    public required string Scenario { get; init; }
    public required int Commands { get; init; }
    public required int Mentions { get; init; }
    public required int Deliveries { get; init; }
    public required double DurationSeconds { get; init; }

    public required Percentiles AckMs { get; init; }
    public required int AcksOver3s { get; init; }
    public required IReadOnlyDictionary<string, int> AckErrors { get; init; }

    public required Percentiles AnswerMs { get; init; }
    public required int Answered { get; init; }
    public required int Busy { get; init; }
    public required int Silent { get; init; }
    public required int Duplicates { get; init; }
    public required int NamingStopper { get; init; }
    public required int ErrorAnswers { get; init; }
    public required int ThrottlingShown { get; init; }

    public required int LookupEvents { get; init; }
    public required int DescribeInstances { get; init; }
    public required int DescribeRegions { get; init; }
    public required LookupPeak LookupPeak { get; init; }
    public required int ThrottlesInjected { get; init; }
    public required IReadOnlyDictionary<string, int> ThrottlesByAction { get; init; }

    /// <summary>Answered, naming the stopper, and not an error.</summary>
    public required int Correct { get; init; }
    public required int Slack429s { get; init; }
    public required int SlackPosts { get; init; }
    public required IReadOnlyList<string> UnknownSlackCalls { get; init; }
    public required double PeakRssMb { get; init; }
    public AckBurst? Burst { get; init; }
    public IReadOnlyList<Check> Checks { get; init; } = [];

    public int Missing => Busy + Silent;

    public int Throttled(string action) => ThrottlesByAction.GetValueOrDefault(action);

    public double LookupsPerAnswer => Answered == 0 ? 0 : (double)LookupEvents / Answered;

    public double DescribesPerAnswer => Answered == 0 ? 0 : (double)DescribeInstances / Answered;

    public static LoadReport From(
        string scenario, IReadOnlyList<Outcome> outcomes, IReadOnlyList<Ack> acks, IReadOnlyList<AwsCall> aws, SlackStandIn slack, long peakRssKb)
    {
        var origin = acks.Count == 0 ? 0 : acks.Min(a => a.SentMs);
        var answers = outcomes.Where(o => o.Answered).ToList();
        var last = Math.Max(acks.Count == 0 ? origin : acks.Max(a => a.AckedMs), answers.Count == 0 ? origin : answers.Max(o => o.Ack!.SentMs + o.AnswerMs!.Value));
        int Count(string action) => aws.Count(c => c.Action == action);
        return new LoadReport
        {
            Scenario = scenario,
            Commands = outcomes.Count(o => o.Question.Kind == QuestionKind.Command),
            Mentions = outcomes.Count(o => o.Question.Kind == QuestionKind.Mention),
            Deliveries = acks.Count,
            DurationSeconds = (last - origin) / 1000,
            AckMs = Percentiles.Of(acks.Where(a => a.Status != 0).Select(a => a.LatencyMs)),
            AcksOver3s = acks.Count(a => a.Status == 0 || a.LatencyMs >= 3000),
            AckErrors = acks.Where(a => !a.IsSuccess).GroupBy(a => a.Status == 0 ? "no answer" : $"HTTP {a.Status}")
                .ToDictionary(g => g.Key, g => g.Count()),
            AnswerMs = Percentiles.Of(answers.Select(o => o.AnswerMs!.Value)),
            Answered = answers.Count,
            Busy = outcomes.Count(o => o.Busy),
            Silent = outcomes.Count(o => o.Silent),
            Duplicates = outcomes.Count(o => o.IsDuplicate),
            NamingStopper = answers.Count(o => o.AnswerText!.Contains(AwsAnswers.Stopper, StringComparison.Ordinal)),
            ErrorAnswers = answers.Count(o => o.AnswerText!.StartsWith(":warning:", StringComparison.Ordinal)),
            ThrottlingShown = answers.Count(o => o.AnswerText!.Contains("throttl", StringComparison.OrdinalIgnoreCase)),
            LookupEvents = Count(AwsStandIn.LookupEvents),
            DescribeInstances = Count(AwsStandIn.DescribeInstances),
            DescribeRegions = Count(AwsStandIn.DescribeRegions),
            LookupPeak = LookupPeak.Of(aws, origin),
            ThrottlesInjected = aws.Count(c => c.Throttled),
            ThrottlesByAction = aws.Where(c => c.Throttled).GroupBy(c => c.Action).ToDictionary(g => g.Key, g => g.Count()),
            Correct = answers.Count(o => o.AnswerText!.Contains(AwsAnswers.Stopper, StringComparison.Ordinal)
                && !o.AnswerText.StartsWith(":warning:", StringComparison.Ordinal)),
            Slack429s = slack.RateLimited,
            SlackPosts = slack.Posts.Snapshot().Count,
            UnknownSlackCalls = slack.UnknownCalls.Distinct().ToList(),
            PeakRssMb = peakRssKb / 1024.0,
        };
    }

    public IEnumerable<string> Lines()
    {
        yield return $"scenario {Scenario}: {Commands} commands + {Mentions} mentions ({Deliveries} deliveries) in {DurationSeconds:0.0} s";
        yield return $"  ack ms          p50 {AckMs.P50:0.0}  p95 {AckMs.P95:0.0}  p99 {AckMs.P99:0.0}  max {AckMs.Max:0.0}  ({AckMs.Count} acks; {AcksOver3s} over 3 s; non-2xx: {Errors()})";
        if (Burst is { } b)
        {
            yield return $"  ack burst       {Deliveries} deliveries sent in {b.WallMs:0} ms; CPU used meanwhile: bot {b.BotCpuMs:0} ms ({b.BotCpuMs * 1000 / Math.Max(1, Deliveries):0} µs/delivery), bench {b.BenchCpuMs:0} ms";
        }

        yield return $"  answer ms       p50 {AnswerMs.P50:0}  p95 {AnswerMs.P95:0}  p99 {AnswerMs.P99:0}  max {AnswerMs.Max:0}";
        yield return $"  answers         {Answered} answered, {Busy} busy, {Silent} silent, {Duplicates} duplicated; {NamingStopper} name the stopper, {ErrorAnswers} errors, {ThrottlingShown} show throttling";
        yield return $"  AWS calls       LookupEvents {LookupEvents} ({LookupsPerAnswer:0.00}/answer), DescribeInstances {DescribeInstances} ({DescribesPerAnswer:0.00}/answer), DescribeRegions {DescribeRegions}";
        yield return $"  throttled       {(ThrottlesByAction.Count == 0 ? "none" : string.Join(", ", ThrottlesByAction.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}")))}";
        yield return $"  correct         {Correct} correct, {Duplicates} duplicated, {Missing} missing; last answer after {DurationSeconds:0.0} s";
        yield return $"  LookupEvents/s  peak {LookupPeak.PerWholeSecond} per whole second, {LookupPeak.InAnyWindow} in any 1 s window ({LookupPeak.Region}); {ThrottlesInjected} throttled by the stand-in";
        yield return $"  Slack           {SlackPosts} posts accepted, {Slack429s} answered 429{(UnknownSlackCalls.Count == 0 ? "" : "; unknown methods called: " + string.Join(", ", UnknownSlackCalls))}";
        yield return $"  bot memory      peak RSS {PeakRssMb:0.0} MB (VmHWM)";
        foreach (var check in Checks)
        {
            yield return $"  {(check.Met ? "MET " : "MISS")}            {check.Target} (measured: {check.Measured})";
        }
    }

    private string Errors() => AckErrors.Count == 0 ? "none" : string.Join(", ", AckErrors.Select(e => $"{e.Value}× {e.Key}"));
}
