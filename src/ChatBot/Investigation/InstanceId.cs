using System.Text.RegularExpressions;

namespace ChatBot.Investigation;

/// <summary>EC2 instance IDs: "i-" and 8 (older) or 17 hex digits. Every front end reads IDs through here, so an ID
/// is normalised (lower case) once, where it is read.</summary>
public static partial class InstanceId
{
    public const string ExpectedForm = "i- followed by 8 or 17 hex digits, e.g. i-0123456789abcdef0";

    public static bool IsValid(string token) => Exact().IsMatch(token);

    /// <summary>The ID <paramref name="token"/> names, in lower case; null when it is not one.</summary>
    public static string? Parse(string token) => Exact().IsMatch(token) ? token.ToLowerInvariant() : null;

    /// <summary>Every well-formed ID in free text, once each, in order of appearance.</summary>
    public static IReadOnlyList<string> FindAll(string text) =>
        Anywhere().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();

    /// <summary>Tokens that look like an attempt at an instance ID but are not one.</summary>
    public static IReadOnlyList<string> FindMalformed(string text) =>
        Attempt().Matches(text).Select(m => m.Value).Where(t => Parse(t) is null).Distinct().ToList();

    private const string Pattern = "i-(?:[0-9a-f]{17}|[0-9a-f]{8})";

    [GeneratedRegex("^" + Pattern + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Exact();

    [GeneratedRegex(@"(?<![\w-])" + Pattern + @"(?![\w-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Anywhere();

    [GeneratedRegex(@"(?<![\w-])i-[\w-]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Attempt();
}
