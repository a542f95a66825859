using ChatBot.Aws;
using ChatBot.Feed;
using ChatBot.Feed.Alerts;
using ChatBot.Health;
using ChatBot.Investigation;
using ChatBot.Slack;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Rechecks;
using ChatBot.Slack.Work;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.SharedState;

public static class SharedStateExtensions
{
    /// <summary>Budget names, part of each budget's Redis key.</summary>
    public const string LookupEventsBudget = "lookup-events";

    /// <summary>With WHOSTOPPED_REDIS set, replaces the in-memory rate budgets, seen-event set (Slack's and the feed's
    /// dedupe), search single-flight, instance locations, the feed's recent events and its alert book by Redis ones, and keeps
    /// the backlog's questions in Redis (sealed) for another replica to finish should this one die, that every replica shares, keeping the in-memory ones as each replica's
    /// fallback while Redis is down. Unset, it changes nothing. Runs after the folders whose defaults it replaces.</summary>
    public static IHostApplicationBuilder AddSharedState(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        if (!RedisOptions.IsSet(builder.Configuration))
        {
            return builder;
        }

        services.AddSingleton(sp => new RedisConnection(
            sp.GetRequiredService<IOptions<RedisOptions>>().Value,
            sp.GetRequiredService<ILogger<RedisConnection>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddHealthChecks().AddCheck<RedisCheck>("redis", tags: [HealthExtensions.Ready]);

        services.AddSingleton<InMemorySeenEvents>();
        services.Replace(ServiceDescriptor.Singleton<ISeenEvents>(sp =>
            new RedisSeenEvents(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<InMemorySeenEvents>())));

        services.Replace(ServiceDescriptor.Singleton<ISharedSearches, RedisSearches>());
        services.Replace(ServiceDescriptor.Singleton<IInstanceLocations>(sp =>
            new RedisInstanceLocations(sp.GetRequiredService<RedisConnection>(), new InMemoryInstanceLocations())));
        services.Replace(ServiceDescriptor.Singleton<IRecentEvents>(sp => new RedisRecentEvents(sp.GetRequiredService<RedisConnection>(),
            new InMemoryRecentEvents(sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<TimeProvider>())));
        services.Replace(ServiceDescriptor.Singleton<IAlertBook>(sp => new RedisAlertBook(sp.GetRequiredService<RedisConnection>(),
            new AlertBook(sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp => new SecretSeal(sp.GetRequiredService<IOptions<SlackOptions>>().Value));
        services.AddSingleton<RedisWorkJournal>();
        services.Replace(ServiceDescriptor.Singleton<IPendingRechecks>(sp => new RedisPendingRechecks(sp.GetRequiredService<RedisConnection>(), new InMemoryPendingRechecks())));
        services.Replace(ServiceDescriptor.Singleton<IResponseUrlSeal, SealedResponseUrls>());
        services.Replace(ServiceDescriptor.Singleton<IWorkJournal>(sp => sp.GetRequiredService<RedisWorkJournal>()));
        services.AddSingleton<RedisWorkRescue>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisWorkRescue>());
        services.Decorate<IRateBudget>(RateBudgets.LookupEvents, (sp, local) => new RedisRateBudget(
            sp.GetRequiredService<RedisConnection>(), LookupEventsBudget, RateBudgets.LookupEventsPerSecond, burst: 1, local));
        services.Decorate<IRateBudget>(RateBudgets.Ec2, (sp, local) => new RedisRateBudget(
            sp.GetRequiredService<RedisConnection>(), RateBudgets.Ec2, RateBudgets.Ec2PerSecond, RateBudgets.Ec2Burst, local));
        return builder;
    }
}
