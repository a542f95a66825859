using ChatBot.Slack.Api;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Work;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

public static class SlackExtensions
{
    /// <summary>Set to "true" in Development to run without a Slack app (the local sandbox page).</summary>
    public const string SandboxSwitch = "WHOSTOPPED_SANDBOX";

    /// <summary>Slack settings, the Web API client, the handlers and the backlog that answers in the background.
    /// SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are required at start, except when <see cref="SandboxSwitch"/> is
    /// "true" in the Development environment: outside Development the switch is ignored, so production always
    /// needs them. Without a secret every signed route answers 401.</summary>
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var requireSecrets = !(builder.Environment.IsDevelopment()
            && string.Equals(builder.Configuration[SandboxSwitch], "true", StringComparison.OrdinalIgnoreCase));

        var services = builder.Services;
        services.AddOptions<SlackOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>>(new SlackOptionsValidator(requireSecrets));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISeenEvents, InMemorySeenEvents>();

        services.AddHttpClient(SlackApiClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
        services.TryAddSingleton<SlackRetry>();
        services.TryAddSingleton<ISlackApi, SlackApiClient>();

        services.AddSingleton<SlackBacklog>();
        services.AddSingleton<QuestionAnswerer>();
        services.AddHostedService<SlackWorker>();
        services.AddSlackHandlers();
        return builder;
    }
}
