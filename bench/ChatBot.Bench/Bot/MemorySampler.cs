using System.Globalization;

namespace ChatBot.Bench.Bot;

/// <summary>Reads the bot's VmHWM (the kernel's own peak resident set) from /proc every 100 ms. The kernel keeps the
/// peak between samples, so sampling only has to outlive the process's last moments, which <see cref="Sample"/> covers.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly string statusPath;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly Lock gate = new();
    private long peakKb;

    public MemorySampler(int pid)
    {
        statusPath = $"/proc/{pid}/status";
        loop = Task.Run(RunAsync);
    }

    public long PeakKb
    {
        get
        {
            lock (gate)
            {
                return peakKb;
            }
        }
    }

    public void Sample()
    {
        try
        {
            var line = File.ReadLines(statusPath).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kb = line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            lock (gate)
            {
                peakKb = Math.Max(peakKb, kb);
            }
        }
        catch (IOException)
        {
            // The process has gone; the last sample stands.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
