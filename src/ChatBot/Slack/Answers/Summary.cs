using ChatBot.Investigation;
using ChatBot.Wording;

namespace ChatBot.Slack.Answers;

/// <summary>The top-level message about one instance: who, when, how, what it is, and links to the console.</summary>
internal static class Summary
{
    public const string EventButtonActionId = "open_cloudtrail_event";
    public const string InstanceButtonActionId = "open_ec2_instance";

    /// <summary>Tag keys an SRE looks for first, in the order shown.</summary>
    private static readonly string[] KeyTags = ["env", "environment", "stage", "team", "owner", "service", "app", "application"];
    private const int MaxKeyTags = 4;

    public static SlackMessage Render(Finding f, bool hasThread, Mentions mentions)
    {
        var headline = Headline(f, mentions);
        var blocks = new List<Block> { new SectionBlock(TextObject.Mrkdwn(Mrkdwn.Fit(headline, Mrkdwn.MaxSectionText))) { Fields = Fields(f) } };
        var notes = Notes(f, hasThread).ToList();
        if (notes.Count > 0)
        {
            blocks.Add(new ContextBlock(notes.Select(n => TextObject.Mrkdwn(Mrkdwn.Fit(n, Mrkdwn.MaxFieldText))).ToList()));
        }

        var buttons = Buttons(f.InstanceId, f.Links).ToList();
        if (buttons.Count > 0)
        {
            blocks.Add(new ActionsBlock(buttons));
        }

        return new SlackMessage(Mrkdwn.Fit(headline, Mrkdwn.MaxSectionText), blocks);
    }

    private static string Headline(Finding f, Mentions mentions)
    {
        var id = Mrkdwn.Code(f.InstanceId);
        var what = f.InstanceName is { Length: > 0 } name ? $"{id} (*{Mrkdwn.Escape(name)}*)" : id;
        var when = (f.Stop?.EventTime ?? f.StoppedAt) is { } t ? " " + Mrkdwn.Date(t) : "";
        var via = f.Stop?.Via is { Length: > 0 } v ? $" via {Mrkdwn.Escape(v)}" : "";
        // A stop found in CloudTrail is the answer, even when EC2 failed or no longer knows the instance (terminated).
        if (ProblemText.Error(f) is { } error && f.Stop is null && f.Cause == StopCause.Unknown)
        {
            return $":warning: Could not answer for {id}: {Mrkdwn.Escape(error)}";
        }

        if (!f.Found && f.Stop is null && f.UnansweredRegions.Count > 0)
        {
            return $":grey_question: {id} was not found, but EC2 in {Mrkdwn.Escape(string.Join(", ", f.UnansweredRegions))} could not answer: it may be there.";
        }

        if (!f.Found && f.Stop is null)
        {
            var where = f.Region is { } r ? Mrkdwn.Escape(r) : "any region searched";
            return $":grey_question: {id} was not found in {where}.";
        }

        return f.Cause switch
        {
            StopCause.Api when f.Stop?.Actor is { } actor =>
                $":octagonal_sign: *{Mrkdwn.Escape(actor.DisplayName)}*{Beside(mentions.For(actor))} {Explanation.Verb(f.Stop.EventName)} {what}{when}{via}.",
            StopCause.Api => $":octagonal_sign: {what} was {Explanation.Verb(f.Stop?.EventName)} by an API call{when}; CloudTrail does not name the caller yet.",
            StopCause.OsShutdown => $":computer: {what} was shut down from inside the instance (OS shutdown){when}.",
            StopCause.Spot => $":money_with_wings: AWS interrupted Spot instance {what}{when}.",
            StopCause.Scheduled => $":alarm_clock: {what} was stopped on a schedule{when}{via}.",
            _ => $":grey_question: Could not tell who stopped {what}.",
        };
    }

    /// <summary>The person's mention after their email, so they are pulled into the thread.</summary>
    private static string Beside(string? mention) => mention is null ? "" : $" ({mention})";

    private static List<TextObject>? Fields(Finding f)
    {
        if (!f.Found)
        {
            return null;
        }

        var fields = new List<string>();
        if (f.State is { } state)
        {
            fields.Add($"*State*\n{Mrkdwn.Escape(state)}");
        }

        var where = string.Join(", ", new[] { f.InstanceType, f.AvailabilityZone ?? f.Region }.Where(s => !string.IsNullOrEmpty(s)));
        if (where.Length > 0)
        {
            fields.Add($"*Instance*\n{Mrkdwn.Escape(where)}");
        }

        if (f.Account is { } account)
        {
            fields.Add($"*Account*\n{Mrkdwn.Escape(account.Describe())}");
        }

        var tags = f.Tags
            .Where(t => KeyTags.Contains(t.Key, StringComparer.OrdinalIgnoreCase))
            .OrderBy(t => Array.FindIndex(KeyTags, k => k.Equals(t.Key, StringComparison.OrdinalIgnoreCase)))
            .Take(MaxKeyTags)
            .Select(t => $"{Mrkdwn.Code(t.Key)} {Mrkdwn.Escape(t.Value)}")
            .ToList();
        if (tags.Count > 0)
        {
            fields.Add("*Key tags*\n" + string.Join("\n", tags));
        }

        return fields.Count == 0 ? null : fields.Select(x => TextObject.Mrkdwn(Mrkdwn.Fit(x, Mrkdwn.MaxFieldText))).ToList();
    }

    private static IEnumerable<string> Notes(Finding f, bool hasThread)
    {
        if (Explanation.Of(f) is { Length: > 0 } explanation)
        {
            yield return Mrkdwn.Escape(explanation);
        }

        if (ProblemText.Error(f) is { } error && (f.Stop is not null || f.Cause != StopCause.Unknown))
        {
            yield return $":warning: {Mrkdwn.Escape(error)}";
        }

        if (!f.Found && f.Account is { } account)
        {
            yield return $"Account {Mrkdwn.Escape(account.Describe())}";
        }

        // One element for them all: a context block holds at most 10, and an organisation may refuse more.
        if (f.Unsearched.Count > 0)
        {
            yield return $":no_entry_sign: {Mrkdwn.Escape(string.Join(" ", f.Unsearched.Select(ProblemText.Of)))}";
        }

        if (f.RunningAgain)
        {
            yield return f.LastStart is { } start
                ? $":arrow_forward: Running again: *{Mrkdwn.Escape(start.Actor.DisplayName)}* started it {Mrkdwn.Date(start.EventTime)}."
                : ":arrow_forward: Running again.";
        }

        if (hasThread)
        {
            yield return "Details in the thread.";
        }
    }

    /// <summary>Action IDs carry the instance: summaries may be combined into one message, where IDs must be unique.</summary>
    private static IEnumerable<LinkButton> Buttons(string instanceId, ConsoleLinks links)
    {
        if (IsLink(links.Event))
        {
            yield return new LinkButton(TextObject.Plain("CloudTrail event"), $"{EventButtonActionId}:{instanceId}", links.Event!);
        }

        if (IsLink(links.Instance))
        {
            yield return new LinkButton(TextObject.Plain("EC2 instance"), $"{InstanceButtonActionId}:{instanceId}", links.Instance!);
        }
    }

    /// <summary>Slack rejects a whole message over one bad button URL, so only sound http(s) links up to 3000 characters.</summary>
    private static bool IsLink(string? url) =>
        url is { Length: <= 3000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
