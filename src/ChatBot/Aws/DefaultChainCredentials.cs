using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Identity;

namespace ChatBot.Aws;

/// <summary>The SDK's default credential chain (environment, profile, SSO, web identity, container, instance role),
/// resolved on first use rather than at start so the bot can boot and explain what is missing.
/// Each instance keeps its own cache, so one host's credentials never leak into another's.</summary>
public sealed class DefaultChainCredentials : AWSCredentials, IDisposable
{
    private readonly DefaultAWSCredentialsIdentityResolver chain = new();

    public override ImmutableCredentials GetCredentials()
    {
        try
        {
            return chain.ResolveIdentity(null).GetCredentials();
        }
        catch (AmazonClientException e)
        {
            throw new NoCredentialsException(e);
        }
    }

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try
        {
            var credentials = await ((IIdentityResolver<AWSCredentials>)chain).ResolveIdentityAsync(null, CancellationToken.None).ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new NoCredentialsException(e);
        }
    }

    public void Dispose() => chain.Dispose();
}
