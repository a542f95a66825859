using System.Diagnostics;

namespace ChatBot.Bench;

/// <summary>One monotonic clock for the load generator and both stand-ins, which share this process, so a command's
/// send time and the moment its answer reaches the Slack stand-in can be subtracted directly.</summary>
public static class BenchClock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    public static double NowMs => Stopwatch.GetElapsedTime(Origin).TotalMilliseconds;
}
