using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Hosting;

/// <summary>The real app in memory, in a chosen environment with chosen settings (as if from environment variables).</summary>
public sealed class TestApp(string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
