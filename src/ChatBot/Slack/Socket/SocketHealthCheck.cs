using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Slack.Socket;

/// <summary>Ready only while a Socket Mode connection is open: without one, Slack has no way to reach the bot.</summary>
internal sealed class SocketHealthCheck(SocketModeClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(client.IsConnected
            ? HealthCheckResult.Healthy("Socket Mode connection to Slack is open.")
            : HealthCheckResult.Unhealthy("No Socket Mode connection to Slack (connecting or reconnecting)."));
}
