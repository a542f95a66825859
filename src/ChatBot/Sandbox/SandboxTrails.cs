using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.S3;
using ChatBot.Doctor;

namespace ChatBot.Sandbox;

/// <summary>The sample organisation's trails, for the doctor: prod's is well kept (an organisation trail with every
/// best practice), staging's own trail has no KMS key, no CloudWatch Logs and a bucket without lifecycle rules, so the
/// page shows ✓ and ⚠ side by side. Nothing here reaches AWS.</summary>
public sealed class SandboxTrails(SampleAccount sample) : ITrailSettings, IBucketLifecycle, IMemberRoleProbe
{
    private const string Home = "us-east-1";

    public Task<IReadOnlyList<Trail>> DescribeTrailsAsync(AwsAccount account, string region, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Multi-region trails apply to every region the sample has.
        IReadOnlyList<Trail> trails = sample.Regions.Contains(region) ? [TrailOf(account)] : [];
        return Task.FromResult(trails);
    }

    public Task<TrailStatus> GetTrailStatusAsync(AwsAccount account, string region, string trailArn, CancellationToken cancellationToken) =>
        Task.FromResult(new TrailStatus { IsLogging = true });

    public Task<TrailSelectors> GetEventSelectorsAsync(AwsAccount account, string region, string trailArn, CancellationToken cancellationToken) =>
        Task.FromResult(new TrailSelectors { EventSelectors = [new BasicEventSelector("All", true)] });

    public Task<int> CountRulesAsync(AwsAccount account, string region, string bucket, CancellationToken cancellationToken) =>
        Task.FromResult(IsProd(account) ? 2 : 0);

    public Task<CheckResult> CheckAsync(AwsAccount account, CancellationToken cancellationToken) =>
        Task.FromResult(new CheckResult(account, null, CheckNames.MemberRole, CheckStatus.Ok,
            $"The sandbox reads {Name(account)} from its sample data: there is no role to assume.", null));

    private Trail TrailOf(AwsAccount account)
    {
        var id = IdOf(account);
        return IsProd(account)
            ? new Trail
            {
                Name = "org-trail",
                TrailArn = $"arn:aws:cloudtrail:{Home}:{sample.Accounts[0].Id}:trail/org-trail",
                HomeRegion = Home,
                IsMultiRegionTrail = true,
                IsOrganizationTrail = true,
                LogFileValidationEnabled = true,
                KmsKeyId = $"arn:aws:kms:{Home}:{sample.Accounts[0].Id}:alias/cloudtrail",
                CloudWatchLogsLogGroupArn = $"arn:aws:logs:{Home}:{sample.Accounts[0].Id}:log-group:aws-cloudtrail-logs:*",
                S3BucketName = $"aws-cloudtrail-logs-{sample.Accounts[0].Id}-org",
            }
            : new Trail
            {
                Name = "staging-trail",
                TrailArn = $"arn:aws:cloudtrail:{Home}:{id}:trail/staging-trail",
                HomeRegion = Home,
                IsMultiRegionTrail = true,
                LogFileValidationEnabled = true,
                S3BucketName = $"staging-cloudtrail-logs-{id}",
            };
    }

    private bool IsProd(AwsAccount account) => SandboxEc2.In(sample, sample.Accounts[0].Name, account);

    private string? IdOf(AwsAccount account) => account.Id ?? sample.Accounts[0].Id;

    private static string Name(AwsAccount account) => account.Alias ?? account.Name;
}
