using ChatBot.Aws;
using ChatBot.Aws.Ec2;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>The regions enabled for an account (DescribeRegions), asked once an hour per account: questions arriving
/// together on a cold start share one call, and a failed call is not kept, so the next question asks again.</summary>
public sealed class EnabledRegions(IEc2 ec2, TimeProvider time, IOptions<InvestigationOptions> options) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Listing> listings = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly CancellationTokenSource closing = new();

    public Task<IReadOnlyList<string>> ForAsync(AwsAccount account, CancellationToken cancellationToken)
    {
        Listing listing;
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!listings.TryGetValue(account.Name, out listing!) || listing.Expires <= now || listing.Regions.IsFaulted || listing.Regions.IsCanceled)
            {
                listing = listings[account.Name] = new Listing(Task.Run(() => ListAsync(account)), now + Lifetime);
            }
        }

        return listing.Regions.WaitAsync(cancellationToken);
    }

    // The call belongs to every question waiting on it, so none of them can cancel it for the others.
    private async Task<IReadOnlyList<string>> ListAsync(AwsAccount account)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        deadline.CancelAfter(options.Value.Timeout);
        return await ec2.ListRegionsAsync(account, deadline.Token).ConfigureAwait(false);
    }

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
    }

    private sealed record Listing(Task<IReadOnlyList<string>> Regions, DateTimeOffset Expires);
}
