using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

/// <summary>Slack settings, under the variable names Bolt uses, plus whostopped's own allow-lists and queue size.</summary>
public sealed class SlackOptions
{
    public const string DefaultApiUrl = "https://slack.com/api/";
    public const string AppTokenKey = "SLACK_APP_TOKEN";

    [ConfigurationKeyName("SLACK_SIGNING_SECRET")]
    public string SigningSecret { get; set; } = "";

    [ConfigurationKeyName("SLACK_BOT_TOKEN")]
    public string BotToken { get; set; } = "";

    /// <summary>An app-level token (xapp-…, scope connections:write). When set, Slack's requests arrive over Socket
    /// Mode instead of HTTP, so no public address and no signing secret are needed.</summary>
    [ConfigurationKeyName(AppTokenKey)]
    public string AppToken { get; set; } = "";

    public bool UsesSocketMode => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>The Web API base; tests and the emulator point it elsewhere.</summary>
    [ConfigurationKeyName("SLACK_API_URL")]
    public string ApiUrl { get; set; } = DefaultApiUrl;

    /// <summary>Comma-separated workspace IDs (T…) allowed to ask; empty allows every workspace the app is installed in.</summary>
    [ConfigurationKeyName("WHOSTOPPED_ALLOWED_TEAMS")]
    public string? AllowedTeams { get; set; }

    /// <summary>Comma-separated channel IDs (C…, G…, D…) allowed to ask; empty allows all.</summary>
    [ConfigurationKeyName("WHOSTOPPED_ALLOWED_CHANNELS")]
    public string? AllowedChannels { get; set; }

    /// <summary>Mention the person behind a stop (<c>&lt;@U…&gt;</c>, found with users.lookupByEmail) beside their email.</summary>
    [ConfigurationKeyName("WHOSTOPPED_MENTION_ACTORS")]
    public bool MentionActors { get; set; } = true;

    /// <summary>Questions waiting for a worker; beyond this the asker is told the bot is busy.</summary>
    [ConfigurationKeyName("WHOSTOPPED_QUEUE_CAPACITY")]
    public int QueueCapacity { get; set; } = 512;

    /// <summary>Questions answered at once. They mostly wait on AWS, so this can exceed the core count.</summary>
    [ConfigurationKeyName("WHOSTOPPED_WORKERS")]
    public int Workers { get; set; } = 64;

    public const string DrainKey = "WHOSTOPPED_DRAIN_SECONDS";
    public const int DefaultDrainSeconds = 20;
    public const int MaxDrainSeconds = 600;

    /// <summary>On shutdown, how long questions already taken on may still run before their askers are told the bot is
    /// restarting. Keep it, plus about 10 s, under the platform's kill grace period (Kubernetes gives 30 s by default).</summary>
    [ConfigurationKeyName(DrainKey)]
    public int DrainSeconds { get; set; } = DefaultDrainSeconds;

    public TimeSpan Drain => TimeSpan.FromSeconds(DrainSeconds);

    public Uri ApiBase => new(ApiUrl.EndsWith('/') ? ApiUrl : ApiUrl + "/");

    /// <summary>The drain time read straight from configuration, for the host's settings: resolving the validated
    /// options there would throw while the host is still being built, before the start-up check can name the
    /// problem. An unusable value counts as the default here and is reported by validation.</summary>
    public static TimeSpan DrainFrom(IConfiguration configuration) => TimeSpan.FromSeconds(
        int.TryParse(configuration[DrainKey], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        && seconds is >= 0 and <= MaxDrainSeconds ? seconds : DefaultDrainSeconds);

    public bool AllowsTeam(string? teamId) => Allows(AllowedTeams, teamId);

    public bool AllowsChannel(string? channelId) => Allows(AllowedChannels, channelId);

    private static bool Allows(string? list, string? id)
    {
        var allowed = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return allowed.Length == 0 || (id is not null && allowed.Contains(id, StringComparer.Ordinal));
    }
}

/// <param name="requireSecrets">False only in the Development sandbox (see <see cref="SlackExtensions.AddSlack"/>).</param>
internal sealed class SlackOptionsValidator(bool requireSecrets) : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        // Over Socket Mode Slack's requests come through a connection the app token opened, so nothing needs signing.
        if (requireSecrets && !options.UsesSocketMode && string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            failures.Add("SLACK_SIGNING_SECRET is not set: the bot cannot verify requests from Slack. " +
                "Use the Signing Secret from the app's Basic Information page, or set SLACK_APP_TOKEN to use Socket Mode.");
        }

        if (options.UsesSocketMode && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            failures.Add("SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope, " +
                "from the app's Basic Information page.");
        }

        if (requireSecrets && string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add("SLACK_BOT_TOKEN is not set: the bot cannot post answers. Use the Bot User OAuth Token (xoxb-…).");
        }

        if (!Uri.TryCreate(options.ApiUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
        {
            failures.Add($"SLACK_API_URL must be an absolute http(s) URL, e.g. {SlackOptions.DefaultApiUrl}");
        }

        if (options.QueueCapacity < 1)
        {
            failures.Add("WHOSTOPPED_QUEUE_CAPACITY must be at least 1.");
        }

        if (options.Workers is < 1 or > 256)
        {
            failures.Add("WHOSTOPPED_WORKERS must be between 1 and 256.");
        }

        if (options.DrainSeconds is < 0 or > SlackOptions.MaxDrainSeconds)
        {
            failures.Add($"{SlackOptions.DrainKey} must be between 0 and {SlackOptions.MaxDrainSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
