using System.Text.RegularExpressions;
using ChatBot.Investigation;
using ChatBot.Slack.Answers;

namespace ChatBot.Slack.Inbound;

/// <summary>What the asker typed, read as a question. <see cref="Problem"/> is a reply naming what was wrong;
/// <see cref="WantsHelp"/> asks for usage.</summary>
public sealed record ParsedQuestion(IReadOnlyList<string> InstanceIds, string? Region, string? Problem, bool WantsHelp)
{
    public bool IsAnswerable => Problem is null && !WantsHelp && InstanceIds.Count > 0;
}

public static partial class QuestionText
{
    /// <summary>Each instance gets its own summary message; past this many a channel would drown.</summary>
    public const int MaxInstances = 50;

    /// <summary>Slash-command text: every token must be an instance ID, a region (<c>eu-west-1</c> or
    /// <c>region=eu-west-1</c>) or <c>help</c>; anything else is named back to the asker.</summary>
    public static ParsedQuestion ParseCommand(string text)
    {
        var tokens = text.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || tokens.Any(t => t.Equals("help", StringComparison.OrdinalIgnoreCase)))
        {
            return new ParsedQuestion([], null, null, WantsHelp: true);
        }

        var ids = tokens.Select(t => t.ToLowerInvariant()).Where(InstanceId.IsValid).Distinct().ToList();
        var regions = tokens.Select(t => RegionToken().Match(t)).Where(m => m.Success).Select(m => m.Groups["region"].Value.ToLowerInvariant()).ToList();
        var unknown = tokens.Where(t => !InstanceId.IsValid(t.ToLowerInvariant()) && !RegionToken().IsMatch(t)).ToList();
        return unknown.Count > 0
            ? new ParsedQuestion(ids, null, Replies.NotAnInstanceId(unknown), WantsHelp: false)
            : Checked(ids, regions);
    }

    /// <summary>A mention or DM: instance IDs and a region anywhere in the sentence; other words are conversation.
    /// With no ID at all, malformed attempts are named, otherwise usage is wanted.</summary>
    public static ParsedQuestion ParseConversation(string text)
    {
        var ids = InstanceId.FindAll(text);
        if (ids.Count == 0)
        {
            var malformed = InstanceId.FindMalformed(text);
            return malformed.Count > 0
                ? new ParsedQuestion([], null, Replies.NotAnInstanceId(malformed), WantsHelp: false)
                : new ParsedQuestion([], null, null, WantsHelp: true);
        }

        var regions = RegionInText().Matches(text).Select(m => m.Groups["region"].Value.ToLowerInvariant()).Distinct().ToList();
        return Checked(ids, regions);
    }

    private static ParsedQuestion Checked(IReadOnlyList<string> ids, IReadOnlyList<string> regions)
    {
        var distinctRegions = regions.Distinct().ToList();
        var problem = ids.Count == 0 ? Replies.NotAnInstanceId(regions)
            : ids.Count > MaxInstances ? Replies.TooMany(ids.Count, MaxInstances)
            : distinctRegions.Count > 1 ? Replies.OneRegion(distinctRegions)
            : null;
        return new ParsedQuestion(ids, distinctRegions.FirstOrDefault(), problem, WantsHelp: false);
    }

    [GeneratedRegex(@"^(?:region=)?(?<region>[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RegionToken();

    [GeneratedRegex(@"(?<![\w-])(?:region=)?(?<region>[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2})(?![\w-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RegionInText();
}
