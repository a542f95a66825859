using System.Collections.Concurrent;
using ChatBot.Bench.Bot;
using ChatBot.Bench.Load;
using ChatBot.Bench.Reporting;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Scenarios;

/// <summary>Two bot processes sharing one Redis behind a load balancer that alternates between them. Slack redelivers
/// every mention to the other replica. In the `replicas` run one replica is killed (SIGKILL) while searches are
/// still under way, and the rest of the questions go to the survivor; `replicas-steady` keeps both up.</summary>
public static class ReplicasScenario
{
    public const string Name = "replicas";
    public const string Steady = "replicas-steady";

    public static async Task<ReplicasReport> RunAsync(BenchSettings s, CancellationToken ct)
    {
        await using var redis = await RedisProcess.StartAsync(ct);
        var shared = new Dictionary<string, string> { ["WHOSTOPPED_REDIS"] = $"127.0.0.1:{redis.Port}" };
        await using var bench = await BenchEnvironment.StartAsync(s, ct, shared);
        var (second, secondDriver) = await bench.StartReplicaAsync(s, "b", ct);
        using var disposeDriver = secondDriver;
        var warm = Question.Plan("V", 4, 2, 1, region: null, firstInstance: 1_000_001);
        await bench.AwaitAnswersAsync(warm, await secondDriver.AskAsync(warm, 2, 0, ct), TimeSpan.FromSeconds(30), ct);
        await bench.WarmUpAsync(s, ct);
        redis.ResetCounts();

        var questions = Question.Plan("R", s.Commands, s.Mentions, s.DistinctInstances, region: null);
        SlackDriver[] replicas = [bench.Driver as SlackDriver ?? throw new InvalidOperationException("The replicas scenario runs over HTTP."), secondDriver];
        var acks = new ConcurrentBag<Ack>();
        var owners = new ConcurrentDictionary<Question, int>();
        var kill = s.Scenario != Steady;
        var firstWave = kill ? questions.Count * 6 / 10 : questions.Count;

        // Each question to replica n % 2; a mention's redelivery to the other one, once the first is acknowledged.
        async Task Send(Question q, int owner, int retryTo)
        {
            owners[q] = owner;
            acks.Add(await replicas[owner].SendAsync(bench.Requests.Sign(q, 0), ct));
            if (q.Kind == QuestionKind.Mention)
            {
                acks.Add(await replicas[retryTo].SendAsync(bench.Requests.Sign(q, 1), ct));
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = s.Concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(questions.Take(firstWave).Select((q, n) => (q, n)), options, async (p, _) => await Send(p.q, p.n % 2, 1 - (p.n % 2)));
        double? killedAtMs = null;
        if (kill)
        {
            // Mid-run: some searches done, others held by the replica about to die.
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (bench.Aws.Calls.Snapshot().Count(c => c.Action == AwsStandIn.LookupEvents) < s.DistinctInstances * 2 / 5 && DateTime.UtcNow < until)
            {
                await Task.Delay(50, ct);
            }

            second.Kill();
            killedAtMs = BenchClock.NowMs;
            // The load balancer now sends everything, redeliveries included, to the survivor.
            await Parallel.ForEachAsync(questions.Skip(firstWave), options, async (q, _) => await Send(q, 0, 0));
        }

        var outcomes = await bench.AwaitAnswersAsync(questions, [.. acks], TimeSpan.FromSeconds(s.AnswerTimeoutSeconds), ct);
        await bench.Bot.StopAsync(TimeSpan.FromSeconds(30));
        var report = ReplicasReport.From(s, outcomes, [.. acks], owners, killedAtMs, bench.Aws.Calls.Snapshot(), redis.Commands,
            Count(bench.Bot.LogPath, "Took over the CloudTrail search"), Count(bench.Bot.LogPath, "Took over /whostopped") + Count(bench.Bot.LogPath, "Took over app_mention"));
        return report with { Checks = report.Targets(s) };
    }

    /// <summary>Lines of the survivor's log that say it took something over from the killed replica.</summary>
    private static int Count(string log, string line) =>
        File.Exists(log) ? File.ReadLines(log).Count(l => l.Contains(line, StringComparison.Ordinal)) : 0;
}
