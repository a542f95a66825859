using ChatBot.Hosting;
using ChatBot.Slack.Api;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Rechecks;
using ChatBot.Slack.Work;
using ChatBot.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

public static class SlackExtensions
{
    /// <summary>Slack settings, the Web API client, the handlers and the backlog that answers in the background.
    /// SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are required at start, except in the sandbox (<paramref name="mode"/>,
    /// never in Production). Without a secret every signed route answers 401.</summary>
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder, RunMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(mode);
        var requireSecrets = !mode.Sandbox;

        var services = builder.Services;
        services.AddOptions<SlackOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>>(new SlackOptionsValidator(requireSecrets));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISeenEvents, InMemorySeenEvents>();
        services.AddWhoStoppedMetrics();

        services.AddTransient<SlackCallHandler>();
        services.AddHttpClient(SlackApiClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15))
            .AddHttpMessageHandler<SlackCallHandler>().RemoveAllLoggers();
        services.TryAddSingleton<SlackRetry>();
        services.TryAddSingleton<ISlackApi, SlackApiClient>();
        services.AddSingleton<SlackUsers>();

        services.TryAddSingleton<IWorkJournal, NoWorkJournal>();
        services.AddSingleton<SlackBacklog>();
        services.AddSingleton<QuestionAnswerer>();
        // Before the worker, so that it stops after the worker's drain: answers finished then may still start watching,
        // and their watches are abandoned with a note like the rest.
        services.AddRechecks();
        services.AddHostedService<SlackWorker>();

        // The host must wait out the worker's drain, its restarting notices and the abandoned watches' notes, or it would exit in the middle of them.
        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) =>
            host.ShutdownTimeout = SlackOptions.DrainFrom(configuration) + SlackWorker.NoticeTimeout + RecheckAbandonment.Timeout + TimeSpan.FromSeconds(2));
        services.AddSlackHandlers();
        return builder;
    }
}
