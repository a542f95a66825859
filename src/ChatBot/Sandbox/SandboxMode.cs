namespace ChatBot.Sandbox;

/// <summary>Decides, once at start-up, whether the app runs against the built-in sample account.</summary>
public static class SandboxMode
{
    /// <summary>Set to "true" in configuration while the sandbox runs, so other features (Slack secret checks,
    /// readiness) can tell without depending on this folder's types.</summary>
    public const string ConfigurationKey = "WHOSTOPPED_SANDBOX";

    /// <summary>On when asked for (WHOSTOPPED_SANDBOX=true), or in Development when Slack is not configured at all,
    /// so a fresh clone answers something. Never in Production: there a request for it fails start-up instead of
    /// quietly answering from fake data.</summary>
    public static bool IsWanted(IConfiguration configuration, IHostEnvironment environment)
    {
        var requested = configuration[ConfigurationKey];
        if (environment.IsProduction())
        {
            if (IsOn(configuration))
            {
                throw new InvalidOperationException(
                    $"{ConfigurationKey}=true is not allowed when ASPNETCORE_ENVIRONMENT=Production: the sandbox answers from sample data. "
                    + $"Unset {ConfigurationKey} and set SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and AWS credentials.");
            }

            return false;
        }

        if (bool.TryParse(requested, out var explicitChoice))
        {
            return explicitChoice;
        }

        return environment.IsDevelopment()
            && string.IsNullOrEmpty(configuration["SLACK_SIGNING_SECRET"])
            && string.IsNullOrEmpty(configuration["SLACK_BOT_TOKEN"]);
    }

    /// <summary>True while the sandbox runs (after <see cref="SandboxExtensions.AddSandbox"/> decided so).</summary>
    public static bool IsOn(IConfiguration configuration) =>
        bool.TryParse(configuration[ConfigurationKey], out var on) && on;
}
