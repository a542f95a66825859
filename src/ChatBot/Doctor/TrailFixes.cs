using ChatBot.Aws.CloudTrail;

namespace ChatBot.Doctor;

/// <summary>The fix for each finding: an AWS CLI command to run, or the console page where it is done.</summary>
internal static class TrailFixes
{
    public static string CreateTrail(string? region) =>
        $"aws cloudtrail create-trail --name whostopped-trail --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation{In(region)}"
        + $" && aws cloudtrail start-logging --name whostopped-trail{In(region)}";

    public static string StartLogging(Trail trail) => $"aws cloudtrail start-logging --name {trail.TrailArn}{In(trail.HomeRegion)}";

    public static string Update(Trail trail, string change) => $"aws cloudtrail update-trail --name {trail.TrailArn} {change}{In(trail.HomeRegion)}";

    public static string ManagementEvents(Trail trail, TrailSelectors current) => current.AdvancedEventSelectors is { Count: > 0 }
        ? $"aws cloudtrail put-event-selectors --trail-name {trail.TrailArn}{In(trail.HomeRegion)} --advanced-event-selectors "
            + "'[{\"Name\":\"Management events\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]}]'"
        : $"aws cloudtrail put-event-selectors --trail-name {trail.TrailArn}{In(trail.HomeRegion)} --event-selectors "
            + "'[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]'";

    public static string Lifecycle(string bucket) =>
        $"aws s3api put-bucket-lifecycle-configuration --bucket {bucket} --lifecycle-configuration file://lifecycle.json "
        + "(for example, move logs to Glacier after 90 days and expire them after 7 years)";

    public static string BucketConsole(string bucket) => $"https://s3.console.aws.amazon.com/s3/buckets/{Uri.EscapeDataString(bucket)}?tab=management";

    private static string In(string? region) => region is null ? "" : $" --region {region}";
}
