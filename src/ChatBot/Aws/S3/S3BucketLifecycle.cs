using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ChatBot.Aws.Accounts;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.S3;

/// <summary>GetBucketLifecycleConfiguration through AWSSDK.S3, one client per account (signing with its credentials,
/// the member role's for a member account) and region.</summary>
public sealed class S3BucketLifecycle(AccountCredentials credentials, IOptions<AwsOptions> options, AwsCallRecorder recorder) : IBucketLifecycle, IDisposable
{
    public const string Action = "s3:GetLifecycleConfiguration";

    private readonly ConcurrentDictionary<string, AmazonS3Client> clients = new();

    public async Task<int> CountRulesAsync(AwsAccount account, string region, string bucket, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await clients.GetOrAdd(RateBudgets.Key(account, region), _ => Create(account, region))
                .GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = bucket }, cancellationToken);
            recorder.Record(Action, region, null, response.ResponseMetadata?.RequestId, Stopwatch.GetElapsedTime(started));
            return response.Configuration?.Rules?.Count ?? 0;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchLifecycleConfiguration")
        {
            recorder.Record(Action, region, null, e.RequestId, Stopwatch.GetElapsedTime(started));
            return 0;
        }
        catch (AmazonServiceException e) when (e.ErrorCode is not null)
        {
            recorder.Record(Action, region, e.ErrorCode, e.RequestId, Stopwatch.GetElapsedTime(started));
            throw new AwsCallException(Action, e.ErrorCode, e.Message, e.RequestId);
        }
        catch (AmazonServiceException e)
        {
            // A 403 on a bucket in another account can come back without a code (HEAD-style answers have no body).
            var code = (int)e.StatusCode == 403 ? "AccessDenied" : $"HTTP{(int)e.StatusCode}";
            recorder.Record(Action, region, code, e.RequestId, Stopwatch.GetElapsedTime(started));
            throw new AwsCallException(Action, code, e.Message, e.RequestId);
        }
        catch (AmazonClientException e) when (e.InnerException is NoCredentialsException none)
        {
            throw none;
        }
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private AmazonS3Client Create(AwsAccount account, string region)
    {
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        if (options.Value.EndpointFor(options.Value.S3EndpointUrl) is { } endpoint)
        {
            // Emulators answer on one host, so the bucket goes in the path rather than the host name.
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
            config.ForcePathStyle = true;
        }

        return new AmazonS3Client(credentials.For(account), config);
    }
}
