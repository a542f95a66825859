using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.Ec2;

/// <summary>AWSSDK.EC2, one client per region, with errors turned into <see cref="AwsCallException"/>.</summary>
public sealed class Ec2Client(AWSCredentials credentials, IOptions<AwsOptions> options, AwsCallRecorder recorder) : IEc2, IDisposable
{
    private readonly ConcurrentDictionary<string, AmazonEC2Client> clients = new();

    public async Task<IReadOnlyList<string>> ListRegionsAsync(AwsAccount account, CancellationToken cancellationToken)
    {
        var response = await Call("ec2:DescribeRegions", options.Value.HomeRegion,
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
            var page = await Call("ec2:DescribeInstances", region,
                (ec2, ct) => ec2.DescribeInstancesAsync(request, ct), cancellationToken).ConfigureAwait(false);
            found.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances ?? []).Select(i => ToInstance(i, region)));
            request.NextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(request.NextToken));

        return found;
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private async Task<T> Call<T>(string action, string region, Func<AmazonEC2Client, CancellationToken, Task<T>> call, CancellationToken ct)
        where T : AmazonWebServiceResponse
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await call(clients.GetOrAdd(region, Create), ct).ConfigureAwait(false);
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

    private AmazonEC2Client Create(string region)
    {
        var config = new AmazonEC2Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        // Endpoint variables come through configuration (as well as the environment) so tests and the sandbox can set them.
        if (options.Value.EndpointFor(options.Value.Ec2EndpointUrl) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return new AmazonEC2Client(credentials, config);
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
