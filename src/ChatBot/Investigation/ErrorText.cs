using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using Polly.Timeout;

namespace ChatBot.Investigation;

/// <summary>Turns a failure into a sentence an on-call engineer can act on. Never a stack trace.</summary>
public static class ErrorText
{
    public static string For(Exception e, TimeSpan deadline) => e switch
    {
        AwsCallException { IsAccessDenied: true } denied =>
            $"AWS denied {denied.Action}: the bot's IAM role needs the `{denied.Action}` permission.{RequestId(denied)}",
        AwsCallException { IsThrottling: true } =>
            "CloudTrail is throttling requests (2 per second per account and region) and kept doing so after retries. Ask again in a minute.",
        AwsCallException { ErrorCode: "AuthFailure" or "InvalidClientTokenId" or "UnrecognizedClientException" or "ExpiredToken" or "ExpiredTokenException" or "InvalidSignatureException" or "SignatureDoesNotMatch" } auth =>
            $"AWS rejected the bot's credentials ({auth.ErrorCode}) for {auth.Action}. Check that they are valid and not expired.{RequestId(auth)}",
        AwsCallException other => $"{other.Action} failed: {other.ErrorCode}: {other.AwsMessage}{RequestId(other)}",
        NoCredentialsException none => none.Message,
        RoleUnavailableException role => role.Message,
        TimeoutRejectedException or TimeoutException or OperationCanceledException =>
            $"AWS did not answer within {deadline.TotalSeconds:0} s.",
        HttpRequestException http => $"Could not reach AWS: {http.Message}",
        _ => $"Unexpected error ({e.GetType().Name}). The bot's log has the details.",
    };

    private static string RequestId(AwsCallException e) => e.RequestId is null ? "" : $" (AWS request ID {e.RequestId})";
}
