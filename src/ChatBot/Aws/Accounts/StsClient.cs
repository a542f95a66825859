using System.Diagnostics;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.Accounts;

/// <summary>AWSSDK.SecurityToken in the home region's regional endpoint (or AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL),
/// signed with the bot's own credentials, errors turned into <see cref="AwsCallException"/>. One client for both STS
/// questions: AssumeRole, and the caller's own account (GetCallerIdentity, asked once; a failure is asked again).</summary>
public sealed class StsClient(AWSCredentials credentials, IOptions<AwsOptions> options, AwsCallRecorder recorder) : ISecurityTokens, ICallerAccount, IDisposable
{
    public const string CallerIdentityAction = "sts:GetCallerIdentity";

    /// <summary>The IAM action the bot's own policy must allow on each member account's role.</summary>
    public const string AssumeRoleAction = "sts:AssumeRole";

    /// <summary>What member accounts' CloudTrail shows as the session; the bot's own log says who asked.</summary>
    public const string SessionName = "whostopped";

    private readonly Lazy<AmazonSecurityTokenServiceClient> client = new(() => Create(credentials, options.Value));
    private readonly Lock gate = new();
    private Task<string>? callerId;

    public Task<string> IdAsync(CancellationToken cancellationToken)
    {
        Task<string> shared;
        lock (gate)
        {
            if (callerId is null || callerId.IsFaulted || callerId.IsCanceled)
            {
                // Shared by every caller, so no single caller's cancellation may cut it short.
                callerId = AskCallerAsync();
            }

            shared = callerId;
        }

        return shared.WaitAsync(cancellationToken);
    }

    public async Task<RoleSession> AssumeRoleAsync(string roleArn, string? externalId, CancellationToken cancellationToken)
    {
        var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = SessionName, DurationSeconds = 3600 };
        if (!string.IsNullOrEmpty(externalId))
        {
            request.ExternalId = externalId;
        }

        var response = await Call(AssumeRoleAction, (sts, ct) => sts.AssumeRoleAsync(request, ct), cancellationToken).ConfigureAwait(false);
        var c = response.Credentials;
        var expires = c.Expiration is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : at.Kind)) : DateTimeOffset.UtcNow.AddMinutes(15);
        return new RoleSession(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expires);
    }

    private async Task<string> AskCallerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await Call(CallerIdentityAction, (sts, ct) => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), timeout.Token)
            .ConfigureAwait(false);
        return response.Account;
    }

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    private async Task<T> Call<T>(string action, Func<AmazonSecurityTokenServiceClient, CancellationToken, Task<T>> call, CancellationToken ct)
        where T : AmazonWebServiceResponse
    {
        var region = options.Value.HomeRegion;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await call(client.Value, ct).ConfigureAwait(false);
            recorder.Record(action, region, null, response.ResponseMetadata?.RequestId, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (AmazonServiceException e)
        {
            var code = e.ErrorCode ?? $"HTTP{(int)e.StatusCode}";
            recorder.Record(action, region, code, e.RequestId, Stopwatch.GetElapsedTime(started));
            throw new AwsCallException(action, code, e.Message, e.RequestId);
        }
        catch (AmazonClientException e) when (e.InnerException is NoCredentialsException none)
        {
            throw none;
        }
    }

    private static AmazonSecurityTokenServiceClient Create(AWSCredentials credentials, AwsOptions options)
    {
        var home = options.HomeRegion;
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(home) };
        if (options.EndpointFor(options.StsEndpointUrl) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = home;
        }

        return new AmazonSecurityTokenServiceClient(credentials, config);
    }
}
