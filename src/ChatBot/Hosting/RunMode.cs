namespace ChatBot.Hosting;

/// <summary>How this process runs, decided once at start-up before any feature is added: against Slack and AWS, or
/// as the sandbox (the built-in sample account and a local Slack-like page). Features that behave differently in the
/// sandbox read this, not the sandbox's own types.</summary>
public sealed record RunMode(bool Sandbox)
{
    /// <summary>"true" runs the sandbox, "false" never does; unset, Development without Slack settings does.</summary>
    public const string SandboxSwitch = "WHOSTOPPED_SANDBOX";

    /// <summary>The sandbox when asked for (WHOSTOPPED_SANDBOX=true), or in Development when Slack is not configured at
    /// all, so a fresh clone answers something. Never in Production, whatever the switch says: there Slack's secrets
    /// are required and missing ones stop start-up by name.</summary>
    public static RunMode Decide(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsProduction())
        {
            return new(Sandbox: false);
        }

        if (bool.TryParse(configuration[SandboxSwitch], out var explicitChoice))
        {
            return new(explicitChoice);
        }

        return new(environment.IsDevelopment()
            && string.IsNullOrEmpty(configuration["SLACK_SIGNING_SECRET"])
            && string.IsNullOrEmpty(configuration["SLACK_BOT_TOKEN"])
            && string.IsNullOrEmpty(configuration["SLACK_APP_TOKEN"]));
    }
}
