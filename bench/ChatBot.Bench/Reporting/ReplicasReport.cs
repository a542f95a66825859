using ChatBot.Bench.Load;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Reporting;

/// <summary>What two replicas on one Redis did with the questions, and what it cost AWS and Redis.</summary>
public sealed record ReplicasReport : IScenarioReport
{
    public required string Scenario { get; init; }
    public required int Questions { get; init; }
    public required int Deliveries { get; init; }
    public required int DistinctInstances { get; init; }
    public required double? KilledAtSeconds { get; init; }
    public required int Answered { get; init; }
    public required int Duplicates { get; init; }
    public required int SilentOnSurvivor { get; init; }
    public required int LostWithKilled { get; init; }
    public required int NamingStopper { get; init; }
    public required Percentiles AnswerMs { get; init; }
    public required int LookupEvents { get; init; }
    public required int DescribeInstances { get; init; }
    public required LookupPeak LookupPeak { get; init; }
    public required int Throttled { get; init; }
    public required int Takeovers { get; init; }
    public required int QuestionsTakenOver { get; init; }
    public required IReadOnlyDictionary<string, int> RedisCommands { get; init; }
    public IReadOnlyList<Check> Checks { get; init; } = [];

    /// <summary>Client commands (each one round trip) the bots sent Redis during the measured run, per question.</summary>
    public double RedisPerQuestion => Questions == 0 ? 0 : (double)RedisCommands.Values.Sum() / Questions;

    public static ReplicasReport From(BenchSettings s, IReadOnlyList<Outcome> outcomes, IReadOnlyList<Ack> acks,
        IReadOnlyDictionary<Question, int> owners, double? killedAtMs, IReadOnlyList<AwsCall> aws, IReadOnlyDictionary<string, int> redis, int takeovers, int questionsTakenOver)
    {
        var origin = acks.Count == 0 ? 0 : acks.Min(a => a.SentMs);
        var silent = outcomes.Where(o => o.Silent).ToList();
        // Owned by the killed replica: it acknowledged the first delivery before it died, so Slack will not redeliver.
        bool Killed(Outcome o) => killedAtMs is { } at && owners.GetValueOrDefault(o.Question) == 1 && o.Ack is { } ack && ack.AckedMs < at;
        var answers = outcomes.Where(o => o.Answered).ToList();
        return new ReplicasReport
        {
            Scenario = s.Scenario,
            Questions = outcomes.Count,
            Deliveries = acks.Count,
            DistinctInstances = s.DistinctInstances,
            KilledAtSeconds = killedAtMs is { } k ? (k - origin) / 1000 : null,
            Answered = answers.Count,
            Duplicates = outcomes.Count(o => o.IsDuplicate),
            SilentOnSurvivor = silent.Count(o => !Killed(o)),
            LostWithKilled = silent.Count(Killed),
            NamingStopper = answers.Count(o => o.AnswerText!.Contains(AwsAnswers.Stopper, StringComparison.Ordinal)),
            AnswerMs = Percentiles.Of(answers.Select(o => o.AnswerMs!.Value)),
            LookupEvents = aws.Count(c => c.Action == AwsStandIn.LookupEvents),
            DescribeInstances = aws.Count(c => c.Action == AwsStandIn.DescribeInstances),
            LookupPeak = LookupPeak.Of(aws, origin),
            Throttled = aws.Count(c => c.Throttled),
            Takeovers = takeovers,
            QuestionsTakenOver = questionsTakenOver,
            RedisCommands = redis,
        };
    }

    public IReadOnlyList<Check> Targets(BenchSettings s)
    {
        var searched = new Check($"LookupEvents = {DistinctInstances} (one search per distinct instance, not one per replica)"
            + (KilledAtSeconds is null ? "" : ", plus the searches taken over from the killed replica"),
            LookupEvents <= DistinctInstances + Takeovers && LookupEvents >= DistinctInstances,
            $"{LookupEvents} LookupEvents, {Takeovers} searches taken over");
        List<Check> checks =
        [
            new("every question answered exactly once", Duplicates == 0 && Answered == Questions,
                $"{Answered}/{Questions} answered, {Duplicates} duplicated, {SilentOnSurvivor + LostWithKilled} unanswered"),
            new("LookupEvents ≤ 2 per second across both replicas, 0 throttled", LookupPeak.InAnyWindow <= 2 && Throttled == 0,
                $"{LookupPeak.InAnyWindow} in any 1 s window, {LookupPeak.PerWholeSecond} per whole second, {Throttled} throttled"),
            searched,
        ];
        if (KilledAtSeconds is not null)
        {
            checks.Add(new("one replica killed mid-run: the other finishes every question, the killed replica's included",
                SilentOnSurvivor == 0 && LostWithKilled == 0,
                $"{SilentOnSurvivor} unanswered on the survivor, {LostWithKilled} of the killed replica's unanswered; {QuestionsTakenOver} questions taken over"));
        }

        return checks;
    }

    public IEnumerable<string> Lines()
    {
        yield return $"scenario {Scenario}: {Questions} questions ({Deliveries} deliveries) about {DistinctInstances} instances, two replicas, one Redis"
            + (KilledAtSeconds is { } k ? $"; replica b killed at +{k:0.0} s" : "");
        yield return $"  answers         {Answered} answered, {Duplicates} duplicated, {SilentOnSurvivor} unanswered on the survivor, {LostWithKilled} lost with the killed replica; {NamingStopper} name the stopper";
        yield return $"  answer ms       p50 {AnswerMs.P50:0}  p95 {AnswerMs.P95:0}  p99 {AnswerMs.P99:0}  max {AnswerMs.Max:0}";
        yield return $"  AWS calls       LookupEvents {LookupEvents}, DescribeInstances {DescribeInstances}; {Takeovers} searches and {QuestionsTakenOver} questions taken over";
        yield return $"  LookupEvents/s  peak {LookupPeak.PerWholeSecond} per whole second, {LookupPeak.InAnyWindow} in any 1 s window ({LookupPeak.Region}); {Throttled} throttled";
        yield return $"  Redis           {RedisCommands.Values.Sum()} client commands, {RedisPerQuestion:0.0} round trips per question ("
            + string.Join(", ", RedisCommands.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")) + ")";
        foreach (var check in Checks)
        {
            yield return $"  {(check.Met ? "MET " : "MISS")}            {check.Target} (measured: {check.Measured})";
        }
    }
}
