namespace ChatBot.Aws.Ec2;

/// <summary>The two EC2 questions the bot asks. Real: <see cref="Ec2Client"/>; sandbox: a data file.</summary>
public interface IEc2
{
    /// <summary>Regions enabled for the account (DescribeRegions).</summary>
    Task<IReadOnlyList<string>> ListRegionsAsync(AwsAccount account, CancellationToken cancellationToken);

    /// <summary>The instances among <paramref name="instanceIds"/> that exist in <paramref name="region"/>;
    /// IDs unknown there are simply absent from the result.</summary>
    Task<IReadOnlyList<Ec2Instance>> DescribeInstancesAsync(
        AwsAccount account, string region, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken);
}

public sealed record Ec2Instance(string InstanceId, string Region, string State)
{
    public string? StateReasonCode { get; init; }
    public string? StateReasonMessage { get; init; }
    /// <summary>e.g. "User initiated (2026-11-20 10:03:12 GMT)".</summary>
    public string? StateTransitionReason { get; init; }
    public string? InstanceType { get; init; }
    public string? AvailabilityZone { get; init; }
    public DateTimeOffset? LaunchTime { get; init; }
    /// <summary>"spot" for Spot instances, null for on-demand.</summary>
    public string? Lifecycle { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
