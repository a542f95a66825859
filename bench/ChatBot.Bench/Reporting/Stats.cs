using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Reporting;

/// <summary>Nearest-rank percentiles, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}

/// <summary>The busiest second of LookupEvents traffic for one account and region (the stand-in serves one account).</summary>
/// <param name="PerWholeSecond">The most calls that started within one whole second since the run began.</param>
/// <param name="InAnyWindow">The most calls that started within any 1-second window: stricter, as AWS counts.</param>
public sealed record LookupPeak(string Region, int PerWholeSecond, int InAnyWindow)
{
    public static LookupPeak Of(IReadOnlyList<AwsCall> calls, double originMs)
    {
        var lookups = calls.Where(c => c.Action == AwsStandIn.LookupEvents).ToList();
        if (lookups.Count == 0)
        {
            return new LookupPeak("-", 0, 0);
        }

        return lookups.GroupBy(c => c.Region).Select(region =>
        {
            var starts = region.Select(c => c.StartMs).Order().ToArray();
            var perSecond = starts.GroupBy(t => Math.Floor((t - originMs) / 1000)).Max(g => g.Count());
            var window = 0;
            for (int first = 0, last = 0; first < starts.Length; first++)
            {
                while (last < starts.Length && starts[last] < starts[first] + 1000)
                {
                    last++;
                }

                window = Math.Max(window, last - first);
            }

            return new LookupPeak(region.Key, perSecond, window);
        }).MaxBy(p => (p.InAnyWindow, p.PerWholeSecond))!;
    }
}

/// <summary>The sending phase of a run, with the CPU the bot and the bench (load generator and stand-ins) spent in it:
/// on two shared cores an ack's latency is mostly waiting for one of them.</summary>
public sealed record AckBurst(double WallMs, double BotCpuMs, double BenchCpuMs);

/// <summary>One target, and whether this run met it.</summary>
public sealed record Check(string Target, bool Met, string Measured);

/// <summary>What every scenario prints: its table and the targets it was held to.</summary>
public interface IScenarioReport
{
    IReadOnlyList<Check> Checks { get; }

    IEnumerable<string> Lines();
}
