using System.Text;
using ChatBot.Investigation;
using ChatBot.Wording;

namespace ChatBot.Cli;

/// <summary>Findings as plain text for a terminal: the answer first, the evidence under it.</summary>
internal static class TextReport
{
    public static string Render(IEnumerable<Finding> findings)
    {
        var text = new StringBuilder();
        foreach (var f in findings)
        {
            var name = f.InstanceName is null ? "" : $" ({f.InstanceName})";
            var where = f.Region is null ? "" : $" in {f.Region}";
            var state = f.State is null ? "" : $", {f.State}";
            text.AppendLine($"{f.InstanceId}{name}{where}{state}");
            var explanation = Explanation.Of(f);
            text.AppendLine($"  {explanation}");
            Line(text, "account:", f.Account?.Describe());
            if (ProblemText.Error(f) is { } error && error != explanation)
            {
                text.AppendLine($"  error: {error}");
            }

            if (f.Stop is { Actor: var actor } stop)
            {
                var detail = actor.Detail is null ? "" : $" ({actor.Detail})";
                Line(text, "by:", $"{actor.DisplayName}{detail}");
                Line(text, "how:", $"{stop.Via ?? "unknown"}, {stop.EventName} from {stop.SourceIp ?? "?"}, MFA {Mfa(actor.Mfa)}, key {actor.AccessKeyId ?? "?"}");
                Line(text, "when:", Time(stop.EventTime));
                Line(text, "event:", stop.EventId);
            }

            Line(text, "also:", f.AlsoStopped.Count == 0 ? null : string.Join(", ", f.AlsoStopped));
            Line(text, "type:", f.InstanceType is null ? null : $"{f.InstanceType} in {f.AvailabilityZone}, launched {Time(f.LaunchTime)}");
            Line(text, "reason:", f.StateReasonMessage ?? f.StateReasonCode);
            Line(text, "tags:", f.Tags.Count == 0 ? null : string.Join(", ", f.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
            Line(text, "links:", f.Links.Event);
            Line(text, f.Links.Event is null ? "links:" : "", f.Links.Instance);
            Changes(text, "history:", f.History);
            Changes(text, "denied:", f.DeniedAttempts);
            foreach (var (note, i) in f.Unsearched.Select((n, i) => (ProblemText.Of(n), i)))
            {
                Line(text, i == 0 ? "skipped:" : "", note);
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static void Changes(StringBuilder text, string label, IReadOnlyList<StateChange> changes)
    {
        foreach (var (change, i) in changes.Select((c, i) => (c, i)))
        {
            var error = change.ErrorCode is null ? "" : $" [{change.ErrorCode}]";
            Line(text, i == 0 ? label : "", $"{Time(change.EventTime)}  {change.EventName,-18} {change.Actor.DisplayName} ({change.Via ?? "?"}){error}");
        }
    }

    private static void Line(StringBuilder text, string label, string? value)
    {
        if (value is not null)
        {
            text.AppendLine($"  {label,-9} {value}");
        }
    }

    private static string Mfa(bool? mfa) => mfa switch { true => "yes", false => "no", null => "n/a" };

    private static string Time(DateTimeOffset? t) => t is { } at ? Explanation.Time(at) : "?";
}
