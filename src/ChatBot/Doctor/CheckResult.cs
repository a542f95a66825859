using System.Text.Json.Serialization;
using ChatBot.Aws;

namespace ChatBot.Doctor;

/// <summary>One line of the doctor's report: a fact about one account (and region, where it is regional), how bad it is,
/// and the fix. Plain text; renderers add the marks and markup.</summary>
/// <param name="Fix">An AWS CLI command or a console link; null when nothing needs doing.</param>
public sealed record CheckResult(AwsAccount Account, string? Region, string Check, CheckStatus Status, string Detail, string? Fix);

[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("warn")] Warn,
    [JsonStringEnumMemberName("fail")] Fail,
}

/// <summary>The checks, in the order they are reported.</summary>
public static class CheckNames
{
    public const string TrailLogging = "trail-logging";
    public const string MultiRegion = "multi-region";
    public const string ManagementEvents = "management-events";
    public const string LogFileValidation = "log-file-validation";
    public const string Kms = "kms";
    public const string CloudWatchLogs = "cloudwatch-logs";
    public const string S3Lifecycle = "s3-lifecycle";
    public const string Feed = "feed";
    public const string MemberRole = "member-role";

    public static IReadOnlyList<string> All { get; } =
        [TrailLogging, MultiRegion, ManagementEvents, LogFileValidation, Kms, CloudWatchLogs, S3Lifecycle, Feed, MemberRole];
}
