using System.Diagnostics;

namespace ChatBot.Tests.Support;

/// <summary>A real redis-server (Debian's, on PATH) on a loopback port, started and stopped by the tests themselves:
/// to stop Redis in the middle of a test and bring it back on the same port.</summary>
public sealed class RedisServer : IDisposable
{
    public const string Missing = "redis-server must be on PATH for the Redis tests: apt-get install -y redis-server";

    /// <summary>Set by .ci/run to the port of the redis-server it started for the whole run.</summary>
    public const string PortVariable = "WHOSTOPPED_TEST_REDIS_PORT";

    /// <summary>Enough databases to give every test its own, so parallel tests never see each other's keys.</summary>
    public const int Databases = 512;

    private static int lastDatabase;
    private Process? process;

    public RedisServer(int? port = null)
    {
        Port = port ?? LoopbackPorts.Free();
        Start();
    }

    public static string? Binary { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);

    /// <summary>CI must run the Redis tests; only a developer's machine may skip them.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The run's shared server: the one .ci/run started, else one started here (stopped when the run ends).</summary>
    public static int? SharedPort => shared.Value;

    public static bool Available => Binary is not null || Environment.GetEnvironmentVariable(PortVariable) is not null;

    public int Port { get; }

    /// <summary>A WHOSTOPPED_REDIS value for the shared server, on a database no other test uses.</summary>
    public static string SharedConfiguration() =>
        $"127.0.0.1:{SharedPort ?? throw new InvalidOperationException(Missing)},defaultDatabase={NextDatabase()}";

    public string Configuration() => $"127.0.0.1:{Port},defaultDatabase={NextDatabase()}";

    public void Start()
    {
        var start = new ProcessStartInfo(Binary ?? throw new InvalidOperationException(Missing))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--databases", Databases.ToString(), "--loglevel", "warning" })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntil(accepting: true);
    }

    /// <summary>Kills the server the hard way, as a crashed or partitioned Redis looks to its clients.</summary>
    public void Stop()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill();
            running.WaitForExit();
        }

        process?.Dispose();
        process = null;
        WaitUntil(accepting: false);
    }

    public void Dispose() => Stop();

    private static int NextDatabase() => Interlocked.Increment(ref lastDatabase) % Databases;

    private static readonly Lazy<int?> shared = new(() =>
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port))
        {
            return port;
        }

        if (Binary is null)
        {
            return null;
        }

        var server = new RedisServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.Port;
    });

    private void WaitUntil(bool accepting)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (LoopbackPorts.Accepts(Port) != accepting)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not {(accepting ? "start" : "stop")} within 10 s");
            }

            Thread.Sleep(20);
        }
    }
}

/// <summary>A Redis test: skipped on a developer machine without redis-server, but run (and failing with
/// <see cref="RedisServer.Missing"/>) when CI=true, so CI can never pass without having run it.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!RedisServer.Available && !RedisServer.Required)
        {
            Skip = RedisServer.Missing + " (set CI=true to make this a failure)";
        }
    }
}
