using ChatBot.Bench.Load;
using ChatBot.Bench.Reporting;

namespace ChatBot.Bench.Scenarios;

/// <summary>One load run: a fresh bot, warmed up, then every question fired at the set concurrency and followed to its answer.</summary>
public static class LoadScenario
{
    public static async Task<LoadReport> RunAsync(BenchSettings s, CancellationToken ct)
    {
        await using var bench = await BenchEnvironment.StartAsync(s, ct);
        await bench.WarmUpAsync(s, ct);

        var questions = Question.Plan("L", s.Commands, s.Mentions, s.DistinctInstances, region: null);
        var (botCpu, benchCpu) = (bench.Bot.CpuTime, Environment.CpuUsage.TotalTime);
        var acks = await bench.Driver.AskAsync(questions, s.Concurrency, s.EventRetries, ct);
        var burst = new AckBurst(acks.Max(a => a.AckedMs) - acks.Min(a => a.SentMs),
            (bench.Bot.CpuTime - botCpu).TotalMilliseconds, (Environment.CpuUsage.TotalTime - benchCpu).TotalMilliseconds);
        var outcomes = await bench.AwaitAnswersAsync(questions, acks, TimeSpan.FromSeconds(s.AnswerTimeoutSeconds), ct);

        // The peak is read after the bot has drained its work and exited, so it covers the whole run.
        await bench.Bot.StopAsync(TimeSpan.FromSeconds(30));
        var report = LoadReport.From(s.Scenario, outcomes, acks, bench.Aws.Calls.Snapshot(), bench.Slack, bench.Bot.PeakRssKb);
        return report with { Burst = burst, Checks = ScenarioCatalog.Targets(s, report) };
    }
}
