using Amazon.Runtime;
using ChatBot.Aws;
using ChatBot.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Health;

/// <summary>Whether the credential chain finds credentials. The answer is kept for a minute: resolving may reach
/// the instance metadata service or STS, and probes come every few seconds. It never calls EC2 or CloudTrail.</summary>
internal sealed class AwsCredentialsCheck(
    AWSCredentials credentials, RunMode mode, TimeProvider time) : IHealthCheck
{
    internal static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private (DateTimeOffset At, Task<HealthCheckResult> Result)? last;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (mode.Sandbox)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Sandbox: the sample account needs no AWS credentials."));
        }

        lock (gate)
        {
            var now = time.GetUtcNow();
            // Concurrent probes share one resolution in flight instead of each starting their own.
            if (last is not { } cached || now - cached.At >= CacheFor)
            {
                last = cached = (now, ResolveAsync());
            }

            return cached.Result;
        }
    }

    private async Task<HealthCheckResult> ResolveAsync()
    {
        try
        {
            var resolved = await credentials.GetCredentialsAsync();
            return string.IsNullOrEmpty(resolved.AccessKey)
                ? HealthCheckResult.Unhealthy("The AWS credential chain returned an empty access key.")
                : HealthCheckResult.Healthy("AWS credentials resolve.");
        }
        catch (Exception e) when (e is NoCredentialsException or AmazonClientException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
