using ChatBot.Investigation;
using ChatBot.Wording;

namespace ChatBot.Slack.Answers;

/// <summary>The words of an answer that keeps watching for CloudTrail: the promise and the "Check again" button on its
/// summary, and the lines said in its thread when the stop turns up, when the watch ends, or when it is abandoned.</summary>
public static class RecheckNotes
{
    /// <summary>The button's action_id, before the instance ID (summaries may be combined, and IDs must be unique).</summary>
    public const string CheckAgainActionId = "check_again";

    /// <summary>The summary, promising to update itself, with a "Check again" button whose value is <paramref name="watchId"/>.</summary>
    public static SlackMessage Watching(SlackMessage summary, string watchId, string instanceId, TimeSpan watchFor)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var promise = new ContextBlock([TextObject.Mrkdwn(
            $":eyes: I'm watching for it: this answer updates itself when CloudTrail delivers the stop (for {watchFor.TotalMinutes:0} minutes).")]);
        var button = new ActionButton(TextObject.Plain("Check again"), $"{CheckAgainActionId}:{instanceId}", watchId);
        var blocks = summary.Blocks.ToList();
        var actions = blocks.FindIndex(b => b is ActionsBlock);
        if (actions >= 0)
        {
            blocks[actions] = new ActionsBlock([.. ((ActionsBlock)blocks[actions]).Elements, button]);
            blocks.Insert(actions, promise);
        }
        else
        {
            blocks.AddRange([promise, new ActionsBlock([button])]);
        }

        return summary with { Blocks = blocks };
    }

    /// <summary>Said in the thread when the edited summary replaces "not delivered yet".</summary>
    public static SlackMessage Found(Finding after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var what = after.Stop is { } stop
            ? $"CloudTrail has delivered the stop: *{Mrkdwn.Escape(stop.Actor.DisplayName)}* {Explanation.Verb(stop.EventName)} it {Mrkdwn.Date(stop.EventTime)}"
                + (stop.Via is { Length: > 0 } via ? $" via {Mrkdwn.Escape(via)}" : "")
            : Mrkdwn.Escape(Explanation.Of(after).TrimEnd('.'));
        return Replies.AsMessage($":bell: Updated {Mrkdwn.Code(after.InstanceId)}: {what}.");
    }

    public static SlackMessage GaveUp(string instanceId, TimeSpan watched) => Replies.AsMessage(
        $":hourglass: Still no stop of {Mrkdwn.Code(instanceId)} from CloudTrail after {watched.TotalMinutes:0} minutes, so I've stopped watching. "
        + "CloudTrail may not be recording EC2's management events here: `/whostopped doctor` checks the trail.");

    public static SlackMessage Abandoned(string instanceId) => Replies.AsMessage(
        $":arrows_counterclockwise: I'm restarting and have stopped watching for the stop of {Mrkdwn.Code(instanceId)}. Ask again in a few minutes.");

    public static SlackMessage StillNothing(string instanceId) => Replies.AsMessage(
        $":mag: Checked again just now: CloudTrail has still not delivered the stop of {Mrkdwn.Code(instanceId)}. I'm still watching.");

    public static SlackMessage LookedMomentsAgo(string instanceId, TimeSpan since) => Replies.AsMessage(
        $":mag: I looked {Math.Max(1, (int)since.TotalSeconds)} s ago: CloudTrail had not delivered the stop of {Mrkdwn.Code(instanceId)} yet. "
        + "It usually takes 5 to 15 minutes; I'm watching, and the answer updates itself when it arrives.");

    public static SlackMessage NotWatching { get; } = Replies.AsMessage(
        ":information_source: I'm no longer watching that answer (or a check is under way). Ask again with `/whostopped` to look now.");
}
