using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws;

/// <summary>The 12-digit ID of the account the bot's own credentials belong to (STS GetCallerIdentity, asked once).</summary>
public interface ICallerAccount
{
    Task<string> IdAsync(CancellationToken cancellationToken);
}

internal sealed class StsCallerAccount(AWSCredentials credentials, IOptions<AwsOptions> options) : ICallerAccount, IDisposable
{
    public const string Action = "sts:GetCallerIdentity";

    private readonly SemaphoreSlim gate = new(1, 1);
    private string? id;

    public async Task<string> IdAsync(CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return id;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (id is null)
            {
                using var sts = Create();
                try
                {
                    id = (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;
                }
                catch (AmazonServiceException e) when (e.ErrorCode is not null)
                {
                    throw new AwsCallException(Action, e.ErrorCode, e.Message, e.RequestId);
                }
                catch (AmazonClientException e) when (e.InnerException is NoCredentialsException none)
                {
                    throw none;
                }
            }

            return id;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private AmazonSecurityTokenServiceClient Create()
    {
        var region = options.Value.HomeRegion;
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        if (options.Value.EndpointFor(options.Value.StsEndpointUrl) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return new AmazonSecurityTokenServiceClient(credentials, config);
    }
}
