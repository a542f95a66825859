using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using Polly.Timeout;

namespace ChatBot.Doctor;

/// <summary>A check AWS would not answer. A missing permission is a warning that names the IAM action, never a crash.</summary>
internal static class Problems
{
    public const string PolicyFile = "manifest/iam-policy.json";

    public static (CheckStatus Status, string Detail, string? Fix) Of(Exception? e) => e switch
    {
        AwsCallException { IsAccessDenied: true } denied =>
            (CheckStatus.Warn, $"Could not check: the bot's role lacks {denied.Action}.", $"Grant {denied.Action} to the bot's role ({PolicyFile} lists it)."),
        AwsCallException other =>
            (CheckStatus.Warn, $"Could not check: {other.Action} failed with {other.ErrorCode}: {other.AwsMessage}", null),
        RoleUnavailableException role =>
            (CheckStatus.Warn, $"Could not check: {role.Account.RoleArn} cannot be assumed ({role.ErrorCode}); see member-role.", null),
        NoCredentialsException none => (CheckStatus.Fail, none.Message, null),
        TimeoutRejectedException or TimeoutException or OperationCanceledException => (CheckStatus.Warn, "Could not check: AWS did not answer in time.", null),
        HttpRequestException http => (CheckStatus.Warn, $"Could not check: AWS could not be reached ({http.Message}).", null),
        null => (CheckStatus.Warn, "Could not check: AWS gave no answer.", null),
        _ => (CheckStatus.Warn, $"Could not check: unexpected {e.GetType().Name}: {e.Message}", null),
    };
}
