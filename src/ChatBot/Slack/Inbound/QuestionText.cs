using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Investigation;

namespace ChatBot.Slack.Inbound;

/// <summary>What the asker typed, read as data: a question, a wish for usage, or what was wrong with it.
/// The words for each are <c>Answers/</c>'s.</summary>
public abstract record ParsedQuestion;

/// <param name="Region">Named by the asker; null searches the configured or enabled regions.</param>
/// <param name="Account">Named by the asker (alias or 12-digit ID); null searches every account.</param>
public sealed record AskedQuestion(IReadOnlyList<string> InstanceIds, string? Region, AwsAccount? Account = null) : ParsedQuestion;

public sealed record HelpWanted : ParsedQuestion;

/// <summary><c>/whostopped doctor</c>: check the trail, not an instance.</summary>
public sealed record DoctorWanted : ParsedQuestion;

/// <summary>Tokens that are neither an instance ID nor a region (as typed, for naming back).</summary>
public sealed record NotInstanceIds(IReadOnlyList<string> Tokens) : ParsedQuestion;

public sealed record TooManyInstances(int Count, int Max) : ParsedQuestion;

public sealed record SeveralRegions(IReadOnlyList<string> Regions) : ParsedQuestion;

/// <summary>An account the bot does not know (as typed), with the aliases it does.</summary>
public sealed record UnknownAccount(string Token, IReadOnlyList<string> Known) : ParsedQuestion;

public static class QuestionText
{
    /// <summary>Each instance gets its own summary message; past this many a channel would drown.</summary>
    public const int MaxInstances = 50;

    private const string RegionPrefix = "region=";

    public const string DoctorCommand = "doctor";

    /// <summary>Slash-command text: every token must be an instance ID, a region (<c>eu-west-1</c> or
    /// <c>region=eu-west-1</c>), <c>help</c>, or, with several <paramref name="accounts"/>, one account (alias, 12-digit
    /// ID or <c>account=…</c>); anything else is named back to the asker.</summary>
    public static ParsedQuestion ParseCommand(string text, AccountDirectory? accounts = null)
    {
        var tokens = text.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || tokens.Any(t => t.Equals("help", StringComparison.OrdinalIgnoreCase)))
        {
            return new HelpWanted();
        }

        if (tokens is [var only] && only.Equals(DoctorCommand, StringComparison.OrdinalIgnoreCase))
        {
            return new DoctorWanted();
        }

        var ids = tokens.Select(InstanceId.Parse).OfType<string>().Distinct().ToList();
        var regions = tokens.Select(Region).OfType<string>().ToList();
        var unknown = tokens.Where(t => InstanceId.Parse(t) is null && Region(t) is null).ToList();
        if (accounts is { AreMany: true } && AccountInText.FromCommand(unknown, accounts) is var (account, rest, unknownAccount))
        {
            return unknownAccount is not null ? new UnknownAccount(unknownAccount, accounts.Aliases)
                : rest.Count > 0 ? new NotInstanceIds(rest)
                : Checked(ids, regions) is AskedQuestion asked ? asked with { Account = account } : Checked(ids, regions);
        }

        return unknown.Count > 0 ? new NotInstanceIds(unknown) : Checked(ids, regions);
    }

    /// <summary>A mention or DM: instance IDs and a region anywhere in the sentence, and with several
    /// <paramref name="accounts"/> an account ("… in prod?", "account 210987654321"); other words are conversation.
    /// With no ID at all, malformed attempts are named, otherwise usage is wanted.</summary>
    public static ParsedQuestion ParseConversation(string text, AccountDirectory? accounts = null)
    {
        var ids = InstanceId.FindAll(text);
        if (ids.Count == 0)
        {
            var malformed = InstanceId.FindMalformed(text);
            return malformed.Count > 0 ? new NotInstanceIds(malformed) : new HelpWanted();
        }

        var question = Checked(ids, RegionName.FindAll(text));
        if (question is AskedQuestion asked && accounts is { AreMany: true })
        {
            var (account, unknownAccount) = AccountInText.FromConversation(text, accounts);
            return unknownAccount is not null ? new UnknownAccount(unknownAccount, accounts.Aliases) : asked with { Account = account };
        }

        return question;
    }

    private static string? Region(string token) =>
        RegionName.Parse(token.StartsWith(RegionPrefix, StringComparison.OrdinalIgnoreCase) ? token[RegionPrefix.Length..] : token);

    private static ParsedQuestion Checked(IReadOnlyList<string> ids, IReadOnlyList<string> regions)
    {
        var distinctRegions = regions.Distinct().ToList();
        return ids.Count == 0 ? new NotInstanceIds(regions)
            : ids.Count > MaxInstances ? new TooManyInstances(ids.Count, MaxInstances)
            : distinctRegions.Count > 1 ? new SeveralRegions(distinctRegions)
            : new AskedQuestion(ids, distinctRegions.FirstOrDefault());
    }
}
