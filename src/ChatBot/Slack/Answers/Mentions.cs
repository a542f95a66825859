using System.Text.RegularExpressions;
using ChatBot.Investigation;

namespace ChatBot.Slack.Answers;

/// <summary>Slack users to mention beside the emails CloudTrail named. A mention is only ever built from an ID that
/// Slack returned and that has the shape of a Slack user ID, never from AWS text, so nothing in CloudTrail can put a
/// <c>&lt;@…&gt;</c> or <c>&lt;!…&gt;</c> into an answer.</summary>
public sealed partial class Mentions(IReadOnlyDictionary<string, string> userIdsByEmail)
{
    public static Mentions None { get; } = new(new Dictionary<string, string>());

    /// <summary>The email a person signed in with, when the actor's name is one: IAM Identity Center session names
    /// and source identities usually are. Services and the root user have none.</summary>
    public static string? EmailOf(Actor? actor) =>
        actor is { Type: not ("aws-service" or "root") } && actor.DisplayName.Length <= 254 && Email().IsMatch(actor.DisplayName)
            ? actor.DisplayName
            : null;

    /// <summary><c>&lt;@U…&gt;</c> for the actor, or null when Slack gave no (well-formed) user for their email.</summary>
    public string? For(Actor? actor) =>
        EmailOf(actor) is { } email && userIdsByEmail.TryGetValue(email, out var id) && UserId().IsMatch(id) ? $"<@{id}>" : null;

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex("^[UW][A-Z0-9]{2,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserId();
}
