using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ChatBot.Aws.Accounts;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.Ec2;

/// <summary>AWSSDK.EC2, one client per account and region (signing with that account's credentials, kept for the
/// process's life), all over one shared connection pool, each attempt within the EC2 budget, with errors turned into
/// <see cref="AwsCallException"/>.</summary>
public sealed class Ec2Client(
    AccountCredentials credentials, IOptions<AwsOptions> options, AwsCallRecorder recorder,
    [FromKeyedServices(RateBudgets.Ec2)] IRateBudget budget) : IEc2, IDisposable
{
    // RequestLimitExceeded and 5xx are retried with the SDK's exponential backoff, each attempt paid from the budget.
    // More retries would hold a whole answer back behind one failing region (its backoff grows to seconds).
    private const int MaxRetries = 3;

    private readonly ConcurrentDictionary<string, (AmazonEC2Client Client, BudgetedHttpClientFactory Http)> clients = new();

    /// <summary>One connection pool for every account and region (each region's endpoint is its own host in it).</summary>
    private readonly SocketsHttpHandler transport = new() { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public async Task<IReadOnlyList<string>> ListRegionsAsync(AwsAccount account, CancellationToken cancellationToken)
    {
        var response = await Call("ec2:DescribeRegions", account, options.Value.HomeRegion,
            (ec2, ct) => ec2.DescribeRegionsAsync(new DescribeRegionsRequest(), ct), cancellationToken).ConfigureAwait(false);
        return (response.Regions ?? []).Select(r => r.RegionName).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<Ec2Instance>> DescribeInstancesAsync(
        AwsAccount account, string region, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        // A filter, unlike InstanceIds, does not fail the whole call when one ID is unknown in this region.
        var request = new DescribeInstancesRequest { Filters = [new Filter("instance-id", [.. instanceIds])] };
        var found = new List<Ec2Instance>();
        do
        {
            var page = await Call("ec2:DescribeInstances", account, region,
                (ec2, ct) => ec2.DescribeInstancesAsync(request, ct), cancellationToken).ConfigureAwait(false);
            found.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances ?? []).Select(i => ToInstance(i, region)));
            request.NextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(request.NextToken));

        return found;
    }

    /// <summary>Builds the client for an account and region ahead of its first call, so that a first question across
    /// many accounts does not build them all while it waits. Makes no call.</summary>
    public void Prepare(AwsAccount account, string region)
    {
        ArgumentNullException.ThrowIfNull(account);
        ClientFor(account, region);
    }

    public void Dispose()
    {
        foreach (var (client, http) in clients.Values)
        {
            client.Dispose();
            http.Dispose();
        }

        transport.Dispose();
    }

    private async Task<T> Call<T>(
        string action, AwsAccount account, string region, Func<AmazonEC2Client, CancellationToken, Task<T>> call, CancellationToken ct)
        where T : AmazonWebServiceResponse
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await call(ClientFor(account, region), ct).ConfigureAwait(false);
            recorder.Record(action, region, null, response.ResponseMetadata?.RequestId, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (AmazonServiceException e) when (e.ErrorCode is not null)
        {
            // After the SDK's own retries: a throttle counted here is one the SDK gave up on.
            recorder.Record(action, region, e.ErrorCode, e.RequestId, Stopwatch.GetElapsedTime(started));
            throw new AwsCallException(action, e.ErrorCode, e.Message, e.RequestId);
        }
        catch (AmazonClientException e) when (e.InnerException is NoCredentialsException none)
        {
            throw none;
        }
    }

    private AmazonEC2Client ClientFor(AwsAccount account, string region)
    {
        var key = RateBudgets.Key(account, region);
        return clients.GetOrAdd(key, _ => Create(account, key, region)).Client;
    }

    private (AmazonEC2Client, BudgetedHttpClientFactory) Create(AwsAccount account, string budgetKey, string region)
    {
        var http = new BudgetedHttpClientFactory(budget, budgetKey, transport);
        var config = new AmazonEC2Config
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            HttpClientFactory = http,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = MaxRetries,
        };
        // Endpoint variables come through configuration (as well as the environment) so tests and the sandbox can set them.
        if (options.Value.EndpointFor(options.Value.Ec2EndpointUrl) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return (new AmazonEC2Client(credentials.For(account), config), http);
    }

    private static Ec2Instance ToInstance(Instance i, string region) => new(i.InstanceId, region, i.State?.Name?.Value ?? "unknown")
    {
        StateReasonCode = i.StateReason?.Code,
        StateReasonMessage = i.StateReason?.Message,
        StateTransitionReason = string.IsNullOrEmpty(i.StateTransitionReason) ? null : i.StateTransitionReason,
        InstanceType = i.InstanceType?.Value,
        AvailabilityZone = i.Placement?.AvailabilityZone,
        LaunchTime = i.LaunchTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
        Lifecycle = i.InstanceLifecycle?.Value,
        Tags = (i.Tags ?? []).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value ?? ""),
    };
}
