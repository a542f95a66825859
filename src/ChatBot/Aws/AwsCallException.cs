namespace ChatBot.Aws;

/// <summary>An AWS API answered with an error. Carries what the answer needs: the IAM action for AccessDenied,
/// the request ID for support.</summary>
public sealed class AwsCallException(string action, string errorCode, string message, string? requestId = null)
    : Exception($"{action} failed: {errorCode}: {message}")
{
    /// <summary>The IAM action, e.g. "cloudtrail:LookupEvents".</summary>
    public string Action { get; } = action;
    public string ErrorCode { get; } = errorCode;
    public string AwsMessage { get; } = message;
    public string? RequestId { get; } = requestId;

    public bool IsAccessDenied => ErrorCode is "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation"
        or "UnauthorizedException" or "Client.UnauthorizedOperation";

    public bool IsThrottling => IsThrottlingCode(ErrorCode);

    public static bool IsThrottlingCode(string? errorCode) => errorCode is "ThrottlingException" or "Throttling"
        or "RequestLimitExceeded" or "TooManyRequestsException" or "ThrottledException";
}

/// <summary>No AWS credentials could be found by the default chain.</summary>
public sealed class NoCredentialsException(Exception inner)
    : Exception("No AWS credentials found. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, "
        + "AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, or run with an instance or task role.", inner);
