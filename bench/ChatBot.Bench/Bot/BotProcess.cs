using System.Diagnostics;

namespace ChatBot.Bench.Bot;

/// <summary>The bot's Release build as a child process on a loopback port, its output kept in a log file, and its
/// memory sampled from /proc while it runs.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    /// <summary>Variables from the caller's environment that could point the bot at real AWS or Slack.</summary>
    private static readonly string[] Inherited = ["AWS_", "SLACK_", "WHOSTOPPED_", "ASPNETCORE_", "DOTNET_gc"];

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly MemorySampler memory;

    private BotProcess(Process process, StreamWriter log, Uri url, string logPath)
    {
        this.process = process;
        this.log = log;
        Url = url;
        LogPath = logPath;
        memory = new MemorySampler(process.Id);
    }

    public Uri Url { get; }

    public string LogPath { get; }

    /// <summary>The bot's high-water resident set (VmHWM), in KiB, as last sampled.</summary>
    public long PeakRssKb => memory.PeakKb;

    /// <summary>CPU time the bot has used so far (user + system), to tell its share of a burst from the load generator's.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;
        }
    }

    public static async Task<BotProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken ct)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"No bot build at {dll}. Run `dotnet build -c Release` first, or pass --bot.");
        }

        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => Inherited.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var url = new Uri($"http://127.0.0.1:{port}/");
        start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var bot = new BotProcess(process, log, url, logPath);
        process.OutputDataReceived += (_, e) => bot.Write(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await bot.WaitUntilListeningAsync(ct);
        return bot;
    }

    /// <summary>SIGTERM, as an orchestrator would send, so the bot drains its queue; killed if it takes too long.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        memory.Sample();
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>SIGKILL: the replica dies mid-work, with no chance to hand anything back.</summary>
    public void Kill()
    {
        memory.Sample();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        await memory.DisposeAsync();
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>Any HTTP answer at all (even 404) means Kestrel is up; a crash at boot ends the wait at once.</summary>
    private async Task WaitUntilListeningAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited at start with code {process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var _ = await http.GetAsync(new Uri(Url, "healthz"), ct);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, ct);
            }
        }

        throw new TimeoutException($"The bot did not listen on {Url} within 30 s; see {LogPath}");
    }
}
