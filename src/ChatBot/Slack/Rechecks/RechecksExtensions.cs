using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Slack.Rechecks;

public static class RechecksExtensions
{
    /// <summary>Answers that update themselves: the pending re-checks (in memory unless a shared store replaces
    /// <see cref="IPendingRechecks"/> and <see cref="IResponseUrlSeal"/>), and the scheduler that runs them. Register
    /// before the worker: at shutdown it stops after the worker's drain, and abandons every watch, those of the
    /// answers finished during the drain included.</summary>
    public static IServiceCollection AddRechecks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(RecheckSchedule.ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.TryAddSingleton<IPendingRechecks, InMemoryPendingRechecks>();
        services.TryAddSingleton<IResponseUrlSeal, InMemoryResponseUrlSeal>();
        services.TryAddSingleton<AnswerWatch>();
        services.TryAddSingleton<Rechecker>();
        services.TryAddSingleton<RecheckAbandonment>();
        services.TryAddSingleton<RecheckScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RecheckScheduler>());
        return services;
    }
}
