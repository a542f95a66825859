using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatBot.Health;

/// <summary>Runs the same validation as start-up (every options class registered with ValidateOnStart).
/// Options are validated once and cached, so a probe costs a dictionary lookup.</summary>
internal sealed class ConfigurationCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return Task.FromResult(HealthCheckResult.Healthy("Configuration is valid."));
        }
        catch (OptionsValidationException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(e.Message));
        }
    }
}
