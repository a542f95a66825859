using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime.Signing;

namespace ChatBot.Aws.Accounts;

/// <summary>The primary handler of a hand-written AWS client: signs each request with SigV4 and the credentials of the
/// account the request names (<see cref="AccountKey"/>), one signer per account over one shared connection pool.</summary>
public sealed class AccountSigningHandler(AccountCredentials credentials, RegionEndpoint home, string service, HttpMessageHandler transport)
    : HttpMessageHandler
{
    public static readonly HttpRequestOptionsKey<AwsAccount> AccountKey = new("whostopped.account");

    private readonly ConcurrentDictionary<string, Lazy<HttpMessageInvoker>> signers = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var account = request.Options.TryGetValue(AccountKey, out var named) ? named : AwsAccount.Default;
        var signer = signers.GetOrAdd(account.Name, _ => new Lazy<HttpMessageInvoker>(() =>
            new HttpMessageInvoker(new SigV4SigningHandler(credentials.For(account), home, service, transport), disposeHandler: false)));
        return signer.Value.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            transport.Dispose();
        }

        base.Dispose(disposing);
    }
}
