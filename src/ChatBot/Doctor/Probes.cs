using Amazon.Runtime;
using ChatBot.Aws;

namespace ChatBot.Doctor;

/// <summary>Whether the EventBridge feed's queue can be read for an account, and how old its last message is.</summary>
public interface IFeedProbe
{
    Task<CheckResult> CheckAsync(AwsAccount account, CancellationToken cancellationToken);
}

/// <summary>Whether the role the bot uses in an account can be assumed.</summary>
public interface IMemberRoleProbe
{
    Task<CheckResult> CheckAsync(AwsAccount account, CancellationToken cancellationToken);
}

/// <summary>Used until a feed is wired in: says whether one is configured, and that nothing reads it otherwise.</summary>
internal sealed class UnwiredFeedProbe(IConfiguration configuration) : IFeedProbe
{
    public const string Variable = "WHOSTOPPED_EVENTS_QUEUE_URL";

    public Task<CheckResult> CheckAsync(AwsAccount account, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrEmpty(configuration[Variable])
            ? new CheckResult(account, null, CheckNames.Feed, CheckStatus.Warn,
                $"No EventBridge feed: {Variable} is not set, so stops are known only once CloudTrail's event history has them, 5 to 15 minutes late.",
                $"Set {Variable} to an SQS queue that an EventBridge rule for EC2 state changes and CloudTrail API calls sends to (see the README).")
            : new CheckResult(account, null, CheckNames.Feed, CheckStatus.Warn,
                $"{Variable} is set, but this build of the bot does not read the feed, so its queue was not checked.", null));
}

/// <summary>One account, the credentials' own: there is no member role, only the bot's own credentials to resolve.</summary>
internal sealed class OwnCredentialsProbe(AWSCredentials credentials) : IMemberRoleProbe
{
    public async Task<CheckResult> CheckAsync(AwsAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await credentials.GetCredentialsAsync();
            return new(account, null, CheckNames.MemberRole, CheckStatus.Ok,
                "No member role to assume: WHOSTOPPED_ACCOUNTS is not set, and the bot's own credentials resolve.", null);
        }
        catch (Exception e) when (e is NoCredentialsException or AmazonClientException)
        {
            return new(account, null, CheckNames.MemberRole, CheckStatus.Fail, e.Message,
                "Give the bot credentials: AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a task or instance role.");
        }
    }
}
