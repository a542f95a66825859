namespace ChatBot.Sandbox;

/// <summary>Decides, once at start-up, whether the app runs against the built-in sample account.</summary>
public static class SandboxMode
{
    /// <summary>Set to "true" in configuration while the sandbox runs, so other features (Slack secret checks,
    /// readiness) can tell without depending on this folder's types.</summary>
    public const string ConfigurationKey = "WHOSTOPPED_SANDBOX";

    /// <summary>On when asked for (WHOSTOPPED_SANDBOX=true), or in Development when Slack is not configured at all,
    /// so a fresh clone answers something. Never in Production, whatever the switch says: there Slack's secrets are
    /// required and missing ones stop start-up by name.</summary>
    public static bool IsWanted(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsProduction())
        {
            return false;
        }

        if (bool.TryParse(configuration[ConfigurationKey], out var explicitChoice))
        {
            return explicitChoice;
        }

        return environment.IsDevelopment()
            && string.IsNullOrEmpty(configuration["SLACK_SIGNING_SECRET"])
            && string.IsNullOrEmpty(configuration["SLACK_BOT_TOKEN"])
            && string.IsNullOrEmpty(configuration["SLACK_APP_TOKEN"]);
    }

    /// <summary>True while the sandbox runs (after <see cref="SandboxExtensions.AddSandbox"/> decided so).</summary>
    public static bool IsOn(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsProduction() && bool.TryParse(configuration[ConfigurationKey], out var on) && on;
}
