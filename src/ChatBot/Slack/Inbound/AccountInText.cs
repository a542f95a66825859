using System.Text.RegularExpressions;
using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Investigation;

namespace ChatBot.Slack.Inbound;

/// <summary>Where a question names its account: a command token (alias, 12-digit ID or <c>account=…</c>), or in a
/// sentence "… in prod?", "account prod", or a 12-digit ID anywhere.</summary>
internal static partial class AccountInText
{
    private const string Prefix = "account=";

    /// <summary>The account among a command's leftover tokens, the tokens still unexplained, and a token that looks
    /// like an account but names none the bot knows.</summary>
    public static (AwsAccount? Account, List<string> Leftover, string? Unknown) FromCommand(IReadOnlyList<string> tokens, AccountDirectory accounts)
    {
        AwsAccount? account = null;
        var rest = new List<string>();
        foreach (var token in tokens)
        {
            var name = token.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? token[Prefix.Length..] : token;
            if (account is null && accounts.Find(name) is { } known)
            {
                account = known;
            }
            else if (account is null && (name != token || LooksLikeAccount(name)))
            {
                return (null, rest, token);
            }
            else
            {
                rest.Add(token);
            }
        }

        return (account, rest, null);
    }

    /// <summary>The account a sentence names, or the name it gives that the bot does not know. "in X" counts as a name
    /// only at the end of the sentence ("who stopped i-… in prdo?"), so "in the morning" is just conversation.</summary>
    public static (AwsAccount? Account, string? Unknown) FromConversation(string text, AccountDirectory accounts)
    {
        var named = Named().Matches(text).Select(m => (Name: m.Groups["name"].Value, Strict: m.Groups["strict"].Success || m.Groups["id"].Success || m.Groups["end"].Success))
            .Where(n => RegionName.Parse(n.Name) is null && InstanceId.Parse(n.Name) is null)
            .ToList();
        if (named.Select(n => accounts.Find(n.Name)).FirstOrDefault(a => a is not null) is { } account)
        {
            return (account, null);
        }

        return (null, named.FirstOrDefault(n => n.Strict).Name);
    }

    private static bool LooksLikeAccount(string token) =>
        AccountToken().IsMatch(token) && !token.StartsWith("i-", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?:\d{12}|[A-Za-z0-9][A-Za-z0-9_-]{0,63})$")]
    private static partial Regex AccountToken();

    [GeneratedRegex(@"(?:\bin\s+(?<strict>account[=\s]+)?|(?<strict>\baccount[=\s]+))(?<name>[A-Za-z0-9][A-Za-z0-9_-]*)(?<end>\s*[?.!]*\s*$)?|(?<![\w-])(?<id>(?<name>\d{12}))(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Named();
}
