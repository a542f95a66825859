using Amazon.Runtime;

namespace ChatBot.Aws.Ec2;

/// <summary>The HttpClient under one AWSSDK.EC2 client (one account and region): every attempt the SDK sends,
/// its own retries of RequestLimitExceeded included, first takes a token from the EC2 budget. The connections
/// underneath are the <paramref name="transport"/> every account and region shares (its owner disposes it), so a
/// question about a new account finds the region's connections already open.</summary>
internal sealed class BudgetedHttpClientFactory(IRateBudget budget, string budgetKey, HttpMessageHandler transport) : HttpClientFactory, IDisposable
{
    private readonly Lazy<HttpClient> client = new(() => new HttpClient(new RateBudgetHandler(budget, budgetKey) { InnerHandler = transport }, disposeHandler: false)
    {
        // The SDK applies its own per-request timeout.
        Timeout = Timeout.InfiniteTimeSpan,
    });

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => client.Value;

    // This factory keeps its one client; the SDK must neither cache it under a key shared with other budgets nor dispose it.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }
}
