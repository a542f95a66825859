using ChatBot.Aws.Ec2;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

public static class InvestigationExtensions
{
    /// <summary>The engine: regions, instances, events, actor and cause, with single-flight and a short cache.</summary>
    public static IHostApplicationBuilder AddInvestigation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<InvestigationOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Bounded so that a flood of distinct IDs cannot grow memory without limit.
        services.TryAddSingleton<IMemoryCache>(new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 }));
        services.TryAddSingleton<ISharedSearches, InProcessSearches>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InvestigationOptions>>().Value;
            return new LookupCache(
                sp.GetRequiredService<IMemoryCache>(), TimeSpan.FromSeconds(options.CacheSeconds), options.Timeout, sp.GetRequiredService<ISharedSearches>());
        });
        services.TryAddSingleton<IInstanceLocations>(_ => new InMemoryInstanceLocations());
        // The gather window is scheduling, not the clock answers are dated by, so it is always real time.
        services.TryAddSingleton(sp => new InstanceStates(sp.GetRequiredService<IEc2>(), sp.GetRequiredService<IMemoryCache>(),
            TimeProvider.System, sp.GetRequiredService<IOptions<InvestigationOptions>>()));
        services.TryAddSingleton<EnabledRegions>();
        services.TryAddTransient<EventSearch>();
        services.TryAddTransient<Trails>();
        services.TryAddTransient<RegionSearch>();
        services.TryAddTransient<Investigator>();
        // Across accounts: finds each instance's account first, then asks the Investigator there.
        services.TryAddTransient<AccountSearch>();
        services.TryAddTransient<ArchiveSearch>();
        // Event history first (in whichever account holds the instance), then the trail's archive for stops older than 90 days.
        services.TryAddTransient<IInvestigator, ArchiveInvestigator>();
        return builder;
    }
}
