using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Health;

/// <summary>For each configured account, whether its role can be assumed. It asks STS only through the same cached
/// credentials the questions use (no extra AssumeRole while a session is fresh), keeps its answer a minute, and never
/// calls EC2 or CloudTrail. Some accounts refusing is Degraded (still ready: the others answer); all refusing is Unhealthy.</summary>
internal sealed class AccountRolesCheck(
    AccountDirectory accounts, AccountCredentials credentials, RunMode mode, TimeProvider time)
    : IHealthCheck
{
    private readonly Lock gate = new();
    private (DateTimeOffset At, Task<HealthCheckResult> Result)? last;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (mode.Sandbox || !accounts.AreMany)
        {
            return Task.FromResult(HealthCheckResult.Healthy("One account: the credentials' own."));
        }

        lock (gate)
        {
            var now = time.GetUtcNow();
            if (last is not { } cached || now - cached.At >= AwsCredentialsCheck.CacheFor)
            {
                last = cached = (now, CheckAllAsync());
            }

            return cached.Result;
        }
    }

    private async Task<HealthCheckResult> CheckAllAsync()
    {
        var results = await Task.WhenAll(accounts.All.Select(async account => (account, Problem: await ProblemAsync(account))));
        var data = results.ToDictionary(r => r.account.Name, r => (object)(r.Problem ?? $"{r.account.RoleArn}: can be assumed"));
        var refused = results.Where(r => r.Problem is not null).ToList();
        var description = refused.Count == 0
            ? $"Every account's role can be assumed ({results.Length})."
            : string.Join(" ", refused.Select(r => r.Problem));
        var status = refused.Count == 0 ? HealthStatus.Healthy : refused.Count < results.Length ? HealthStatus.Degraded : HealthStatus.Unhealthy;
        return new HealthCheckResult(status, description, data: data);
    }

    private async Task<string?> ProblemAsync(AwsAccount account)
    {
        try
        {
            await credentials.For(account).GetCredentialsAsync();
            return null;
        }
        catch (RoleUnavailableException e)
        {
            return e.Message;
        }
        catch (NoCredentialsException e)
        {
            return e.Message;
        }
    }
}
