using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatBot.Sandbox;

/// <summary>Tells whoever just ran the app that it is the sandbox, where to look, and how to leave it.
/// Logged after the server starts, because only then is the real listening address known.</summary>
internal sealed partial class SandboxBanner(
    IServer server, IHostApplicationLifetime lifetime, SampleAccount sample, ILogger<SandboxBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
            var url = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses?.FirstOrDefault();
            LogSandbox(logger, url is null ? "the app's root URL" : $"{url.TrimEnd('/')}/", sample.Instances[0].Instance.InstanceId);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "whostopped is running in SANDBOX mode with a built-in sample AWS account: no Slack, no AWS calls. "
        + "Open {Url} and try /whostopped {ExampleId}. "
        + "To connect Slack set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN; for AWS, standard credentials "
        + "(AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a role) + AWS_REGION.")]
    private static partial void LogSandbox(ILogger logger, string url, string exampleId);
}
