using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Hosting;

/// <summary>The real app in memory, in a chosen environment with chosen settings (as if from environment variables).</summary>
public sealed class TestApp(string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>Signing secret and bot token as Slack issues them (values made up), for apps that are not the sandbox.</summary>
    public static IReadOnlyDictionary<string, string?> SlackSecrets { get; } = new Dictionary<string, string?>
    {
        ["SLACK_SIGNING_SECRET"] = "8f742231b10e8888abcd99yyyzzz85a5",
        ["SLACK_BOT_TOKEN"] = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
    };

    public LogCapture Logs { get; } = new();

    /// <summary>A non-sandbox app: Slack secrets plus <paramref name="settings"/>.</summary>
    public static TestApp WithSlack(string environment, IReadOnlyDictionary<string, string?> settings) =>
        new(environment, SlackSecrets.Concat(settings).ToDictionary());

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
