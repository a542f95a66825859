using ChatBot.Investigation;
using ChatBot.Wording;

namespace ChatBot.Slack.Answers;

/// <summary>The words of a stop alert that an answer does not have: what changed since it was posted.</summary>
public static class AlertNotes
{
    /// <summary>Said in the alert's thread when its summary is edited, so that the change is not silent.</summary>
    public static SlackMessage Changed(Finding before, Finding after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var parts = new List<string>();
        if (before.State != after.State && after.State is not null)
        {
            parts.Add($"now {Mrkdwn.Escape(after.State)}");
        }

        if (before.Stop is null && after.Stop is { } stop)
        {
            parts.Add($"CloudTrail names the caller: {Mrkdwn.Escape(stop.Actor.DisplayName)}");
        }

        var what = parts.Count > 0 ? string.Join("; ", parts) : Mrkdwn.Escape(Explanation.Of(after).TrimEnd('.'));
        return Replies.AsMessage($"Updated: {what}.");
    }
}
