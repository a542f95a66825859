using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace ChatBot.Aws;

/// <summary>The SDK's default credential chain (environment, profile, SSO, web identity, container, instance role),
/// resolved on first use rather than at start so the bot can boot and explain what is missing.</summary>
public sealed class DefaultChainCredentials : AWSCredentials
{
    public override ImmutableCredentials GetCredentials()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials().GetCredentials();
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
            var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new NoCredentialsException(e);
        }
    }
}
