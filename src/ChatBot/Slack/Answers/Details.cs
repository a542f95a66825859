using ChatBot.Investigation;

namespace ChatBot.Slack.Answers;

/// <summary>The thread under a summary: the caller in full, other instances hit by the same call, history,
/// denied attempts and every tag. Long lists are split across sections and, past 50 blocks, across messages.</summary>
internal static class Details
{
    private const int MaxFieldsPerSection = 10;

    public static IReadOnlyList<SlackMessage> Render(Finding f)
    {
        // Nothing to detail without a stopper, unless CloudTrail still shows other calls on an instance EC2 has forgotten.
        if (f.Stop is null && (f.HasProblem || !f.Found) && f.History.Count == 0 && f.DeniedAttempts.Count == 0)
        {
            return [];
        }

        var title = $"Details for {Mrkdwn.Code(f.InstanceId)}";
        var blocks = new List<Block> { new SectionBlock(TextObject.Mrkdwn($"*{title}*")) };
        blocks.AddRange(Facts(f).Chunk(MaxFieldsPerSection).Select(chunk => new SectionBlock(null)
        {
            Fields = chunk.Select(x => TextObject.Mrkdwn(Mrkdwn.Fit($"*{x.Label}*\n{x.Value}", Mrkdwn.MaxFieldText))).ToList(),
        }));
        AddList(blocks, "Also stopped by the same call", f.AlsoStopped.Select(id => "• " + Mrkdwn.Code(id)));
        AddList(blocks, "History (newest first)", f.History.Select(Change));
        AddList(blocks, "Denied attempts", f.DeniedAttempts.Select(Change));
        AddList(blocks, "Tags", f.Tags.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"• {Mrkdwn.Code(t.Key)} {Mrkdwn.Escape(t.Value)}"));

        return blocks.Count == 1 ? [] : BlockPacking.IntoMessages(blocks, title);
    }

    private static IEnumerable<(string Label, string Value)> Facts(Finding f)
    {
        if (f.Stop?.Actor is { } actor)
        {
            yield return ("Caller", $"{Mrkdwn.Escape(actor.DisplayName)} ({Mrkdwn.Escape(actor.Type)})");
            if (actor.Detail is { Length: > 0 } detail)
            {
                yield return ("Acting as", Mrkdwn.Escape(detail));
            }

            if (actor.Arn is { Length: > 0 } arn)
            {
                yield return ("ARN", Mrkdwn.Code(arn));
            }

            if (actor.AccessKeyId is { Length: > 0 } key)
            {
                yield return ("Access key", Mrkdwn.Code(key));
            }

            if (actor.Mfa is { } mfa)
            {
                yield return ("MFA", mfa ? "yes" : "no");
            }
        }

        var optional = new (string Label, string? Value)[]
        {
            ("Source IP", f.Stop?.SourceIp is { } ip ? Mrkdwn.Code(ip) : null),
            ("User agent", f.Stop?.UserAgent is { } agent ? Mrkdwn.Code(agent) : null),
            ("Event", f.Stop is { } stop ? $"{Mrkdwn.Escape(stop.EventName)} {Mrkdwn.Code(stop.EventId)}" : null),
            ("State reason", StateReason(f)),
            ("Launched", f.LaunchTime is { } launched ? Mrkdwn.Date(launched) : null),
            ("Scheduler", f.SchedulerLastAction is null ? null : Mrkdwn.Escape(f.SchedulerLastAction)),
        };
        foreach (var (label, value) in optional)
        {
            if (value is not null)
            {
                yield return (label, value);
            }
        }
    }

    private static string? StateReason(Finding f) =>
        (f.StateReasonCode, f.StateReasonMessage) switch
        {
            (null, null) => null,
            (var code, null) => Mrkdwn.Code(code),
            (null, var message) => Mrkdwn.Escape(message),
            var (code, message) when message.StartsWith(code, StringComparison.Ordinal) => Mrkdwn.Escape(message),
            var (code, message) => $"{Mrkdwn.Code(code)} {Mrkdwn.Escape(message)}",
        };

    private static string Change(StateChange c)
    {
        var via = c.Via is { Length: > 0 } v ? $" via {Mrkdwn.Escape(v)}" : "";
        var from = c.SourceIp is { Length: > 0 } ip ? $" from {Mrkdwn.Code(ip)}" : "";
        var denied = c.ErrorCode is { Length: > 0 } code ? $" — {Mrkdwn.Code(code)}" : "";
        return $"• {Mrkdwn.Date(c.EventTime)} *{Mrkdwn.Escape(c.EventName)}* by {Mrkdwn.Escape(c.Actor.DisplayName)}{via}{from}{denied}";
    }

    private static void AddList(List<Block> blocks, string heading, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        if (all.Count > 0)
        {
            blocks.AddRange(BlockPacking.IntoSections(all.Prepend($"*{heading}*")));
        }
    }
}
