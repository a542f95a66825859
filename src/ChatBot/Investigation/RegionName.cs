using System.Text.RegularExpressions;

namespace ChatBot.Investigation;

/// <summary>AWS region names ("eu-west-1", "us-gov-west-1"), read the same way from Slack and the command line.</summary>
public static partial class RegionName
{
    public const string Example = "us-east-1";

    /// <summary>The region named by <paramref name="token"/>, in lower case; null when it is not one.</summary>
    public static string? Parse(string token) => Exact().IsMatch(token) ? token.ToLowerInvariant() : null;

    /// <summary>Every region named in free text (bare or as <c>region=…</c>), once each, in lower case.</summary>
    public static IReadOnlyList<string> FindAll(string text) =>
        Anywhere().Matches(text).Select(m => m.Groups["region"].Value.ToLowerInvariant()).Distinct().ToList();

    private const string Pattern = @"[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2}";

    [GeneratedRegex("^" + Pattern + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Exact();

    [GeneratedRegex(@"(?<![\w-])(?:region=)?(?<region>" + Pattern + @")(?![\w-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Anywhere();
}
