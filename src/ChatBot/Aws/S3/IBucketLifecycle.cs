namespace ChatBot.Aws.S3;

/// <summary>The lifecycle rules of the bucket a trail delivers to. Real: <see cref="S3BucketLifecycle"/>.</summary>
public interface IBucketLifecycle
{
    /// <summary>How many lifecycle rules the bucket has (0 when it has none). AWS refusals throw <see cref="AwsCallException"/>.</summary>
    Task<int> CountRulesAsync(AwsAccount account, string region, string bucket, CancellationToken cancellationToken);
}
