using System.Text;
using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.Ec2;

namespace ChatBot.Sandbox;

/// <summary>EC2 as the sample account describes it.</summary>
public sealed class SandboxEc2(SampleAccount sample) : IEc2
{
    public Task<IReadOnlyList<string>> ListRegionsAsync(AwsAccount account, CancellationToken cancellationToken) =>
        Task.FromResult(sample.Regions);

    public Task<IReadOnlyList<Ec2Instance>> DescribeInstancesAsync(
        AwsAccount account, string region, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Ec2Instance> found = sample.Instances
            .Where(s => In(sample, s.Account, account))
            .Select(s => s.Instance)
            .Where(i => i.Region == region && instanceIds.Contains(i.InstanceId))
            .ToList();
        return Task.FromResult(found);
    }

    /// <summary>The single default account (the CLI's --sandbox without --account) is the sample's first.</summary>
    internal static bool In(SampleAccount sample, string owner, AwsAccount asked) =>
        owner == (asked == AwsAccount.Default ? sample.Accounts[0].Name : asked.Name);
}

/// <summary>LookupEvents over the sample records: newest first, within the query's time window, in small pages
/// so that the Investigator's paging runs in the sandbox just as it does against AWS.</summary>
public sealed class SandboxCloudTrail(SampleAccount sample) : ICloudTrail
{
    internal const int PageSize = 2;

    public Task<LookupPage> LookupEventsAsync(AwsAccount account, string region, LookupQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var matching = sample.Events
            .Where(e => e.Region == region && e.InstanceIds.Contains(query.ResourceName) && SandboxEc2.In(sample, e.Account, account))
            .Select(e => e.Event)
            .Where(e => e.EventTime >= query.StartTime && e.EventTime <= query.EndTime)
            .OrderByDescending(e => e.EventTime)
            .ToList();
        var offset = query.NextToken is null ? 0 : ReadToken(query.NextToken, query.ResourceName);
        var next = offset + PageSize < matching.Count ? Token(query.ResourceName, offset + PageSize) : null;
        return Task.FromResult(new LookupPage(matching.Skip(offset).Take(PageSize).ToList(), next));
    }

    private static string Token(string resourceName, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{resourceName}/{offset}"));

    // Like CloudTrail, refuse a token that belongs to a different query rather than return someone else's page.
    private static int ReadToken(string token, string resourceName)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('/');
            if (parts is [var resource, var offset] && resource == resourceName && int.TryParse(offset, out var value) && value > 0)
            {
                return value;
            }
        }
        catch (FormatException)
        {
            // Falls through to the same error as a well-formed token for another query.
        }

        throw new AwsCallException(CloudTrailClient.Action, "InvalidNextTokenException", "Invalid NextToken.");
    }
}
