using ChatBot.Investigation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Slack.Support;

/// <summary>The real app with Slack's edge replaced by <see cref="FakeSlack"/>. One worker by default, so queued
/// work runs in order and "nothing else was posted" can be checked after a later request's answer.</summary>
internal sealed class SlackTestApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    public SlackTestApp(IInvestigator? investigator = null, IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        var all = new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SignedRequests.Secret,
            ["SLACK_BOT_TOKEN"] = "xoxb-test-token",
            ["SLACK_API_URL"] = Slack.ApiUrl,
            ["WHOSTOPPED_WORKERS"] = "1",
            ["AWS_REGION"] = "eu-west-1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            foreach (var (key, value) in all)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
            if (investigator is not null)
            {
                web.ConfigureTestServices(services => services.AddSingleton(investigator));
            }
        });
    }

    public FakeSlack Slack { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => factory.Services;

    public HttpClient CreateClient() => factory.CreateClient();

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = factory.CreateClient();
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        Slack.Dispose();
    }
}
