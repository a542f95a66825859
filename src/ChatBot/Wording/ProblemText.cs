using System.Globalization;
using ChatBot.Investigation;

namespace ChatBot.Wording;

/// <summary>A problem as a sentence an on-call engineer can act on. The names of IAM actions and IDs are quoted in
/// backticks, which Slack shows as code and a terminal shows as they are.</summary>
public static class ProblemText
{
    /// <summary>Every problem of the finding, CloudTrail's first, each said once; null when nothing stood in the way.</summary>
    public static string? Error(Finding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Problems.Count == 0 ? null : string.Join(" ", f.Problems.Select(Of).Distinct());
    }

    public static string Of(Problem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Kind switch
        {
            ProblemKind.AccessDenied => $"AWS denied {p.Action}: the bot's IAM role needs the `{p.Action}` permission.{RequestId(p)}",
            ProblemKind.Throttled => "CloudTrail is throttling requests (2 per second per account and region) and kept doing so after retries. Ask again in a minute.",
            ProblemKind.CredentialsRejected =>
                $"AWS rejected the bot's credentials ({p.ErrorCode}) for {p.Action}. Check that they are valid and not expired.{RequestId(p)}",
            ProblemKind.AwsFailed => $"{p.Action} failed: {p.ErrorCode}: {p.Detail}{RequestId(p)}",
            ProblemKind.RoleUnavailable => $"Could not search account {p.Account?.Describe()}: sts:AssumeRole on {p.RoleArn} failed ({p.ErrorCode}). "
                + "The bot's role needs `sts:AssumeRole` on that role, and the role's trust policy must allow the bot's role"
                + " (with the ExternalId, when WHOSTOPPED_EXTERNAL_ID is set).",
            ProblemKind.TimedOut => $"AWS did not answer within {Seconds(p)} s.",
            ProblemKind.Unreachable => $"Could not reach AWS: {p.Detail}",
            ProblemKind.Unexpected => $"Unexpected error ({p.Detail}). The bot's log has the details.",
            ProblemKind.NotAnInstanceId => $"`{p.Subject}` is not an instance ID: expected {InstanceId.ExpectedForm}.",
            ProblemKind.ArchiveUnsearchable => $"The CloudTrail archive could not be searched: {(p.Inner is { } inner ? Of(inner) : "no reason given")}.",
            ProblemKind.ArchiveQueryEnded => $"the Athena query {p.ErrorCode?.ToLowerInvariant()}: {p.Detail ?? "no reason given"}",
            ProblemKind.ArchiveQueryUnfinished => $"the Athena query did not finish within {Seconds(p)} s",
            _ => p.Detail ?? "",
        };
    }

    private static string RequestId(Problem p) => p.RequestId is null ? "" : $" (AWS request ID {p.RequestId})";

    private static string Seconds(Problem p) => (p.Within ?? TimeSpan.Zero).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
}
