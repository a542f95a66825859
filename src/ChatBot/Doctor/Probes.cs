using ChatBot.Aws;

namespace ChatBot.Doctor;

/// <summary>Whether the EventBridge feed's queue can be read, and how old its last message is. One queue serves every
/// account, so it is asked once per report.</summary>
public interface IFeedProbe
{
    Task<ProbeOutcome> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>Whether the role the bot uses in an account can be assumed.</summary>
public interface IMemberRoleProbe
{
    Task<CheckResult> CheckAsync(AwsAccount account, CancellationToken cancellationToken);
}

/// <summary>A check's verdict before it is said of an account.</summary>
public sealed record ProbeOutcome(CheckStatus Status, string Detail, string? Fix)
{
    public CheckResult For(AwsAccount account, string check) => new(account, null, check, Status, Detail, Fix);
}
