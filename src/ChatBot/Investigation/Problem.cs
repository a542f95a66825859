using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using Polly.Timeout;

namespace ChatBot.Investigation;

/// <summary>What kind of trouble stood in the way of an answer.</summary>
public enum ProblemKind
{
    /// <summary>AWS denied <see cref="Problem.Action"/>: the bot's role lacks that permission.</summary>
    AccessDenied,
    /// <summary>CloudTrail kept throttling after the retries.</summary>
    Throttled,
    /// <summary>AWS refused the credentials (<see cref="Problem.ErrorCode"/>) for <see cref="Problem.Action"/>.</summary>
    CredentialsRejected,
    /// <summary>Any other AWS error: <see cref="Problem.Action"/>, <see cref="Problem.ErrorCode"/> and AWS's message.</summary>
    AwsFailed,
    /// <summary>No credentials in the chain; <see cref="Problem.Detail"/> says where they may come from.</summary>
    NoCredentials,
    /// <summary>The member account's role could not be assumed (<see cref="Problem.Account"/>, <see cref="Problem.RoleArn"/>).</summary>
    RoleUnavailable,
    /// <summary>AWS did not answer within <see cref="Problem.Within"/>.</summary>
    TimedOut,
    /// <summary>AWS could not be reached; <see cref="Problem.Detail"/> is the network's reason.</summary>
    Unreachable,
    /// <summary>A failure the bot does not expect; <see cref="Problem.Detail"/> is its type, the log has the rest.</summary>
    Unexpected,
    /// <summary><see cref="Problem.Subject"/> is not an instance ID.</summary>
    NotAnInstanceId,
    /// <summary>The trail's archive could not be searched: <see cref="Problem.Inner"/> says why.</summary>
    ArchiveUnsearchable,
    /// <summary>The archive's Athena query ended <see cref="Problem.ErrorCode"/> (its state) for <see cref="Problem.Detail"/>.</summary>
    ArchiveQueryEnded,
    /// <summary>The archive's Athena query did not finish within <see cref="Problem.Within"/>.</summary>
    ArchiveQueryUnfinished,
}

/// <summary>A problem as facts: the front ends word it. Never a stack trace.</summary>
public sealed record Problem(ProblemKind Kind)
{
    public string? Action { get; init; }
    public string? ErrorCode { get; init; }
    /// <summary>AWS's own message, or the network's, or what the kind says it is.</summary>
    public string? Detail { get; init; }
    public string? RequestId { get; init; }
    /// <summary>The text a problem is about, such as a malformed instance ID.</summary>
    public string? Subject { get; init; }
    public TimeSpan? Within { get; init; }
    public FindingAccount? Account { get; init; }
    public string? RoleArn { get; init; }
    public Problem? Inner { get; init; }

    /// <summary>What an exception on the way to an answer means; <paramref name="deadline"/> is the question's.</summary>
    public static Problem From(Exception e, TimeSpan deadline) => e switch
    {
        AwsCallException { IsAccessDenied: true } denied => Aws(ProblemKind.AccessDenied, denied),
        AwsCallException { IsThrottling: true } throttled => Aws(ProblemKind.Throttled, throttled),
        AwsCallException { ErrorCode: "AuthFailure" or "InvalidClientTokenId" or "UnrecognizedClientException" or "ExpiredToken" or "ExpiredTokenException" or "InvalidSignatureException" or "SignatureDoesNotMatch" } auth =>
            Aws(ProblemKind.CredentialsRejected, auth),
        AwsCallException other => Aws(ProblemKind.AwsFailed, other),
        NoCredentialsException none => new(ProblemKind.NoCredentials) { Detail = none.Message },
        RoleUnavailableException role => Refused(role),
        TimeoutRejectedException or TimeoutException or OperationCanceledException => new(ProblemKind.TimedOut) { Within = deadline },
        HttpRequestException http => new(ProblemKind.Unreachable) { Detail = http.Message },
        _ => new(ProblemKind.Unexpected) { Detail = e.GetType().Name },
    };

    /// <summary>The member account's role refused: which account, which role, and AWS's code.</summary>
    public static Problem Refused(RoleUnavailableException role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return new(ProblemKind.RoleUnavailable)
        {
            Account = new FindingAccount(role.Account.Id ?? role.Account.Name, role.Account.Alias),
            RoleArn = role.Account.RoleArn,
            ErrorCode = role.ErrorCode,
        };
    }

    private static Problem Aws(ProblemKind kind, AwsCallException e) =>
        new(kind) { Action = e.Action, ErrorCode = e.ErrorCode, Detail = e.AwsMessage, RequestId = e.RequestId };
}
