using System.Text.Json.Serialization;

namespace ChatBot.Aws.CloudTrail;

/// <summary>How the account's trails are set up: what the doctor checks. Real: <see cref="CloudTrailClient"/>.</summary>
public interface ITrailSettings
{
    /// <summary>Every trail that applies to <paramref name="region"/>, shadow trails included.</summary>
    Task<IReadOnlyList<Trail>> DescribeTrailsAsync(AwsAccount account, string region, CancellationToken cancellationToken);

    Task<TrailStatus> GetTrailStatusAsync(AwsAccount account, string region, string trailArn, CancellationToken cancellationToken);

    Task<TrailSelectors> GetEventSelectorsAsync(AwsAccount account, string region, string trailArn, CancellationToken cancellationToken);
}

/// <summary>A trail as DescribeTrails tells it.</summary>
public sealed record Trail
{
    public string? Name { get; init; }
    [JsonPropertyName("TrailARN")]
    public string? TrailArn { get; init; }
    public string? HomeRegion { get; init; }
    public bool IsMultiRegionTrail { get; init; }
    public bool IsOrganizationTrail { get; init; }
    public bool LogFileValidationEnabled { get; init; }
    public string? KmsKeyId { get; init; }
    public string? CloudWatchLogsLogGroupArn { get; init; }
    public string? S3BucketName { get; init; }
    public string? S3KeyPrefix { get; init; }
}

public sealed record TrailStatus
{
    public bool IsLogging { get; init; }
    public string? LatestDeliveryError { get; init; }
}

/// <summary>GetEventSelectors: a trail has basic or advanced selectors, never both.</summary>
public sealed record TrailSelectors
{
    public IReadOnlyList<BasicEventSelector>? EventSelectors { get; init; }
    public IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors { get; init; }
}

public sealed record BasicEventSelector(string? ReadWriteType, bool? IncludeManagementEvents);

public sealed record AdvancedEventSelector(string? Name, IReadOnlyList<AdvancedFieldSelector>? FieldSelectors);

public sealed record AdvancedFieldSelector
{
    public string? Field { get; init; }

    // "Equals" would hide object.Equals, so the property has another name in C#.
    [JsonPropertyName("Equals")]
    public IReadOnlyList<string>? EqualsTo { get; init; }

    public IReadOnlyList<string>? NotEquals { get; init; }
}
