using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.Accounts;

public static class AccountsExtensions
{
    /// <summary>WHOSTOPPED_ACCOUNTS (validated at start), STS, per-account credentials for every AWS client, and the
    /// member roles' sessions kept in hand from start-up.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountsOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>());
        services.TryAddSingleton<AccountDirectory>();
        services.TryAddSingleton<StsClient>();
        services.TryAddSingleton<ISecurityTokens>(sp => sp.GetRequiredService<StsClient>());
        services.TryAddSingleton<ICallerAccount>(sp => sp.GetRequiredService<StsClient>());
        services.TryAddSingleton<AccountCredentials>();
        services.AddHostedService<RoleSessions>();
        return services;
    }
}
