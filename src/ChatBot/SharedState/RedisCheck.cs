using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.SharedState;

/// <summary>Redis down is degraded, not unready: the replica still answers, from its own memory.</summary>
internal sealed class RedisCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.DownSince is { } since || redis.Database is null
            ? HealthCheckResult.Degraded($"Redis at {redis.Endpoints} is unreachable{Since(redis.DownSince)}: this replica answers from its own memory, not shared with the others.")
            : HealthCheckResult.Healthy($"Redis at {redis.Endpoints} answers: replicas share budgets and seen events."));

    private static string Since(DateTimeOffset? since) => since is { } at ? $" since {at:u}" : "";
}
