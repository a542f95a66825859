using ChatBot.Aws.CloudTrail;
using ChatBot.Doctor;
using ChatBot.Feed.Alerts;
using ChatBot.Feed.Queue;
using ChatBot.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatBot.Feed;

public static class FeedExtensions
{
    /// <summary>The EventBridge feed: recent events in front of LookupEvents (always, so the sandbox can simulate the
    /// feed), and with WHOSTOPPED_EVENTS_QUEUE_URL the SQS consumer and, with WHOSTOPPED_ALERT_CHANNEL, stop alerts.
    /// Call after AddAws and AddSandbox (it wraps whichever CloudTrail they registered) and after AddSlack.</summary>
    public static IHostApplicationBuilder AddFeed(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FeedOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRecentEvents, InMemoryRecentEvents>();
        services.TryAddSingleton<IFeedAccounts, DirectoryFeedAccounts>();
        services.TryAddSingleton<RecentTrail>();
        services.TryAddSingleton<IAlertBook, AlertBook>();
        services.TryAddSingleton<AlertRouter>();
        services.TryAddSingleton<StopAlerts>();
        services.TryAddSingleton<FeedHandler>();
        builder.AddFeedProbe();
        DecorateCloudTrail(services);

        var feed = new FeedOptions();
        builder.Configuration.Bind(feed);
        if (feed.Enabled)
        {
            services.TryAddSingleton<IEventQueueClient, SqsQueueClient>();
            services.AddHostedService<FeedConsumer>();
        }

        services.AddHealthChecks().Add(new HealthCheckRegistration("events-queue",
            sp => new FeedQueueCheck(sp.GetRequiredService<IOptions<FeedOptions>>(), sp.GetRequiredService<FeedStatus>()),
            failureStatus: null, tags: [HealthExtensions.Ready]));
        return builder;
    }

    /// <summary>The doctor's feed check (<see cref="QueueFeedProbe"/>) and the consumer's status it reads. Part of AddFeed;
    /// alone where the feed does not run (the CLI's doctor), where the probe asks the queue itself.</summary>
    public static IHostApplicationBuilder AddFeedProbe(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<FeedOptions>().Bind(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FeedStatus>();
        services.TryAddSingleton<IFeedProbe, QueueFeedProbe>();
        return builder;
    }

    /// <summary>Every LookupEvents the engine makes also sees the feed (see <see cref="FeedAwareCloudTrail"/>).</summary>
    private static void DecorateCloudTrail(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ICloudTrail))
            ?? throw new InvalidOperationException("AddFeed needs a CloudTrail client: call AddAws first.");
        services.Remove(inner);
        services.Add(new ServiceDescriptor(typeof(ICloudTrail), sp => new FeedAwareCloudTrail(
            Create(inner, sp), sp.GetRequiredService<RecentTrail>(), sp.GetRequiredService<ILogger<FeedAwareCloudTrail>>()), inner.Lifetime));
    }

    private static ICloudTrail Create(ServiceDescriptor descriptor, IServiceProvider sp) => (ICloudTrail)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));

    private sealed class FeedQueueCheck(IOptions<FeedOptions> options, FeedStatus status) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(options.Value.Enabled
                ? status.Report()
                : HealthCheckResult.Healthy($"No events feed: {FeedOptions.QueueUrlKey} is not set (answers rely on LookupEvents alone)."));
    }
}
