using ChatBot.Health;
using ChatBot.Hosting;

namespace ChatBot.Slack.Socket;

public static class SocketExtensions
{
    /// <summary>Socket Mode, when SLACK_APP_TOKEN is set: one connection to Slack kept open in the background, its
    /// envelopes dispatched like HTTP requests, and a readiness check that it is connected. Call after AddSlack, so
    /// that on shutdown the socket closes before the backlog stops taking work. Never in the sandbox.</summary>
    public static IHostApplicationBuilder AddSlackSocket(this IHostApplicationBuilder builder, RunMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(mode);
        // Read as a plain string: binding all of SlackOptions here would throw on any other bad setting before
        // start-up can report it by name.
        if (string.IsNullOrWhiteSpace(builder.Configuration[SlackOptions.AppTokenKey])
            || mode.Sandbox)
        {
            return builder;
        }

        var services = builder.Services;
        services.AddSingleton<SocketLinks>();
        services.AddSingleton<SocketDispatch>();
        services.AddSingleton<SocketModeClient>();
        services.AddHostedService(sp => sp.GetRequiredService<SocketModeClient>());
        services.AddHealthChecks().AddCheck<SocketHealthCheck>("slack-socket", tags: [HealthExtensions.Ready]);
        return builder;
    }
}
