using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Tests.Support;

/// <summary>The built app, started as its own process the way `dotnet ChatBot.dll` runs in the container,
/// on a free loopback port chosen by Kestrel. Captures everything it prints.</summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process) => this.process = process;

    public Uri Url => listening.Task.IsCompletedSuccessfully ? listening.Task.Result : throw new InvalidOperationException("The app is not listening.");

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="environment">Variables for the child; a null value removes one inherited from the test process.</param>
    public static AppProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatBot.dll"));
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var app = new AppProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        app.process.OutputDataReceived += (_, e) => app.Read(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Read(e.Data);
        app.process.Exited += (_, _) => app.listening.TrySetException(new InvalidOperationException($"The app exited before listening:\n{app.Output}"));
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        return app;
    }

    public async Task<Uri> WaitUntilListeningAsync() => await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>The exit code, for a start that is meant to fail.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.WaitForExit(); // flushes the redirected output
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningOn().Match(line) is { Success: true } m)
        {
            listening.TrySetResult(new Uri(m.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://[^\s""]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningOn();
}
