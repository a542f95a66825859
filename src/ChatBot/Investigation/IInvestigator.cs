using ChatBot.Aws;

namespace ChatBot.Investigation;

/// <summary>Answers "who stopped these instances?". Front ends (Slack, CLI, sandbox) call only this.</summary>
public interface IInvestigator
{
    /// <summary>One finding per requested ID, in the order asked. Never throws for AWS trouble:
    /// errors become <see cref="Finding.Problems"/>.</summary>
    Task<IReadOnlyList<Finding>> InvestigateAsync(Question question, CancellationToken cancellationToken);
}

/// <param name="InstanceIds">As read by <see cref="InstanceId.Parse"/>: already in lower case.</param>
/// <param name="Region">An explicit region, as read by <see cref="RegionName.Parse"/>; null searches the configured or enabled regions.</param>
public sealed record Question(AwsAccount Account, IReadOnlyList<string> InstanceIds, string? Region = null)
{
    /// <summary>How far back to look; beyond CloudTrail's 90 days the trail's archive is asked.</summary>
    public TimeSpan? Since { get; init; }
}
