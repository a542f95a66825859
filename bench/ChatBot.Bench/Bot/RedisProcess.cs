using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChatBot.Bench.Bot;

/// <summary>Debian's redis-server on a loopback port for the replicas, with `redis-cli monitor` beside it counting
/// the commands clients send. Commands a Lua script runs inside Redis are marked "lua" by MONITOR and are not
/// round trips, so they are left out.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process server;
    private readonly Process monitor;
    private readonly ConcurrentDictionary<string, int> commands = new(StringComparer.OrdinalIgnoreCase);

    private RedisProcess(int port, Process server, Process monitor)
    {
        Port = port;
        this.server = server;
        this.monitor = monitor;
        monitor.OutputDataReceived += (_, e) => Count(e.Data);
        monitor.BeginOutputReadLine();
    }

    public int Port { get; }

    /// <summary>Client commands since the last <see cref="ResetCounts"/>, by name.</summary>
    public IReadOnlyDictionary<string, int> Commands => new Dictionary<string, int>(commands);

    public void ResetCounts() => commands.Clear();

    public static async Task<RedisProcess> StartAsync(CancellationToken ct)
    {
        var port = LoopbackPorts.Free();
        var server = Start("redis-server", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--loglevel", "warning");
        for (var i = 0; !LoopbackPorts.Accepts(port); i++)
        {
            if (i > 100 || server.HasExited)
            {
                throw new InvalidOperationException($"redis-server did not start on port {port}");
            }

            await Task.Delay(50, ct);
        }

        var monitor = Start("redis-cli", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "monitor");
        await Task.Delay(200, ct);
        return new RedisProcess(port, server, monitor);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { monitor, server })
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }

    // A MONITOR line: 1700000000.123456 [0 127.0.0.1:50000] "EVALSHA" "…" …; inside a script: [0 lua] "GET" …
    private void Count(string? line)
    {
        var at = line?.IndexOf("] \"", StringComparison.Ordinal) ?? -1;
        if (line is null || at < 0 || line.Contains(" lua]", StringComparison.Ordinal))
        {
            return;
        }

        var name = line[(at + 3)..].Split('"')[0].ToUpperInvariant();
        commands.AddOrUpdate(name, 1, (_, n) => n + 1);
    }

    private static Process Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{file} is not on PATH: apt-get install -y redis-server");
        }
    }
}
