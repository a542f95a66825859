using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.S3;

namespace ChatBot.Doctor;

/// <summary>The trail checks as pure functions of what AWS said: no I/O, one result per check.</summary>
internal static class TrailChecks
{
    /// <summary>The trail the remaining checks judge: a logging multi-region trail (an organisation one first), else any.</summary>
    public static Trail? Primary(IReadOnlyList<Trail> trails, IReadOnlyDictionary<string, TrailStatus> status) => trails
        .OrderByDescending(t => status.GetValueOrDefault(t.TrailArn!)?.IsLogging == true)
        .ThenByDescending(t => t.IsMultiRegionTrail)
        .ThenByDescending(t => t.IsOrganizationTrail)
        .ThenBy(t => t.TrailArn, StringComparer.Ordinal)
        .FirstOrDefault();

    public static IEnumerable<CheckResult> For(AwsAccount account, TrailFacts facts)
    {
        if (facts.DescribeProblem is { } unreadable)
        {
            var problem = Problems.Of(unreadable);
            return CheckNames.All.Take(7).Select(check => new CheckResult(account, null, check, problem.Status, problem.Detail, problem.Fix));
        }

        var results = new List<CheckResult>(Logging(account, facts));
        if (facts.Primary is not { } trail)
        {
            var create = TrailFixes.CreateTrail(facts.Regions.Count > 0 ? facts.Regions[0] : null);
            results.AddRange(CheckNames.All.Skip(1).Take(6).Select(check =>
                new CheckResult(account, null, check, CheckStatus.Fail, "There is no trail, so nothing is logged to S3 or CloudWatch Logs.", create)));
            return results;
        }

        Add(CheckNames.MultiRegion, trail.IsMultiRegionTrail,
            $"{trail.Name} is a multi-region trail.",
            $"{trail.Name} logs only {trail.HomeRegion}: a region enabled later is not logged.", TrailFixes.Update(trail, "--is-multi-region-trail"));
        results.Add(ManagementEvents(account, trail, facts));
        Add(CheckNames.LogFileValidation, trail.LogFileValidationEnabled,
            $"{trail.Name} writes digest files, so tampering with its logs can be detected.",
            $"{trail.Name} has log file validation off: a log file changed or deleted would go unnoticed.", TrailFixes.Update(trail, "--enable-log-file-validation"));
        Add(CheckNames.Kms, trail.KmsKeyId is { Length: > 0 },
            $"{trail.Name} encrypts its logs with SSE-KMS ({trail.KmsKeyId}).",
            $"{trail.Name} has no KMS key: its logs are only under S3's default encryption.", TrailFixes.Update(trail, "--kms-key-id <key-arn-or-alias>"));
        Add(CheckNames.CloudWatchLogs, trail.CloudWatchLogsLogGroupArn is { Length: > 0 },
            $"{trail.Name} delivers to CloudWatch Logs ({trail.CloudWatchLogsLogGroupArn}).",
            $"{trail.Name} does not deliver to CloudWatch Logs: no real-time alerts (for example on StopInstances) without it.",
            TrailFixes.Update(trail, "--cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>"));
        results.Add(Lifecycle(account, trail, facts));
        return results;

        void Add(string check, bool ok, string good, string bad, string fix) =>
            results.Add(ok ? new(account, null, check, CheckStatus.Ok, good, null) : new(account, null, check, CheckStatus.Warn, bad, fix));
    }

    private static IEnumerable<CheckResult> Logging(AwsAccount account, TrailFacts facts)
    {
        if (facts.Status.Count == 0 && facts.StatusProblem is { } unknown)
        {
            var problem = Problems.Of(unknown);
            return [new(account, null, CheckNames.TrailLogging, problem.Status, problem.Detail, problem.Fix)];
        }

        var uncovered = facts.TrailsByRegion.Where(r => !r.Value.Any(t => facts.Status.GetValueOrDefault(t.TrailArn!)?.IsLogging == true)).ToList();
        if (uncovered.Count == 0)
        {
            var names = facts.TrailsByRegion.Values.SelectMany(t => t).Where(t => facts.Status.GetValueOrDefault(t.TrailArn!)?.IsLogging == true)
                .Select(t => t.Name).Distinct().Order(StringComparer.Ordinal);
            var skipped = facts.Regions.Count - facts.TrailsByRegion.Count;
            var partly = skipped == 0 ? "" : $" ({skipped} regions could not be read)";
            return [new(account, null, CheckNames.TrailLogging, CheckStatus.Ok,
                $"A trail is logging in all {facts.TrailsByRegion.Count} enabled regions{partly}: {string.Join(", ", names)}.", null)];
        }

        return uncovered.Select(r =>
        {
            var stopped = r.Value.Count > 0 ? r.Value[0] : null;
            return stopped is null
                ? new CheckResult(account, r.Key, CheckNames.TrailLogging, CheckStatus.Fail,
                    $"No trail covers {r.Key}: its API calls are kept only in the 90-day event history.", TrailFixes.CreateTrail(r.Key))
                : new CheckResult(account, r.Key, CheckNames.TrailLogging, CheckStatus.Fail,
                    $"{stopped.Name} covers {r.Key} but is not logging.", TrailFixes.StartLogging(stopped));
        });
    }

    private static CheckResult ManagementEvents(AwsAccount account, Trail trail, TrailFacts facts)
    {
        if (facts.Selectors is not { } selectors)
        {
            var problem = Problems.Of(facts.SelectorsProblem);
            return new(account, null, CheckNames.ManagementEvents, problem.Status, problem.Detail, problem.Fix);
        }

        return EventCoverage.RecordsEc2Writes(selectors) is { } how
            ? new(account, null, CheckNames.ManagementEvents, CheckStatus.Ok, $"{trail.Name} records management write events ({how}).", null)
            : new(account, null, CheckNames.ManagementEvents, CheckStatus.Fail,
                $"{trail.Name} does not record EC2's management write events, so its logs hold no StopInstances.", TrailFixes.ManagementEvents(trail, selectors));
    }

    private static CheckResult Lifecycle(AwsAccount account, Trail trail, TrailFacts facts)
    {
        var bucket = trail.S3BucketName;
        if (facts.LifecycleRules is { } rules)
        {
            return rules > 0
                ? new(account, null, CheckNames.S3Lifecycle, CheckStatus.Ok, $"Bucket {bucket} has {rules} lifecycle rule{(rules == 1 ? "" : "s")}.", null)
                : new(account, null, CheckNames.S3Lifecycle, CheckStatus.Warn,
                    $"Bucket {bucket} has no lifecycle rules: old logs are kept, and billed, for ever.", TrailFixes.Lifecycle(bucket!));
        }

        if (facts.LifecycleProblem is AwsCallException { IsAccessDenied: true } or AwsCallException { ErrorCode: "AllAccessDisabled" })
        {
            var where = trail.IsOrganizationTrail
                ? $"{bucket} belongs to the organisation trail and sits in another account (usually the log archive account)"
                : $"{bucket}'s bucket policy does not let the bot read it";
            return new(account, null, CheckNames.S3Lifecycle, CheckStatus.Warn,
                $"Could not read the lifecycle rules of bucket {bucket}: {S3BucketLifecycle.Action} was denied. Probably {where}; check the rules from the account that owns it.",
                TrailFixes.BucketConsole(bucket!));
        }

        if (bucket is null)
        {
            return new(account, null, CheckNames.S3Lifecycle, CheckStatus.Fail, $"{trail.Name} names no S3 bucket.", TrailFixes.Update(trail, "--s3-bucket-name <bucket>"));
        }

        var other = Problems.Of(facts.LifecycleProblem);
        return new(account, null, CheckNames.S3Lifecycle, other.Status, other.Detail, other.Fix);
    }
}
