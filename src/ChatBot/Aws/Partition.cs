namespace ChatBot.Aws;

/// <summary>The AWS partition a region belongs to, which decides DNS suffixes and console hosts.</summary>
public sealed record Partition(string Name, string DnsSuffix)
{
    public static Partition ForRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? new("aws-cn", "amazonaws.com.cn")
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? new("aws-us-gov", "amazonaws.com")
        : new("aws", "amazonaws.com");
}
