using ChatBot.Investigation;

namespace ChatBot.Cli;

/// <summary>The command line read as data, before any AWS call: a question, a wish for usage, or a usage mistake.
/// The words for a mistake are <see cref="CliExtensions"/>'s.</summary>
internal abstract record CliArguments
{
    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var ids = new List<string>();
        string? region = null;
        string? account = null;
        var json = false;
        var sandbox = false;
        TimeSpan? since = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i] ?? "";
            switch (arg)
            {
                case "-h" or "--help":
                    return new CliHelp();
                case "--json":
                    json = true;
                    break;
                case "--sandbox":
                    sandbox = true;
                    break;
                case "--region" when i + 1 < args.Count && !args[i + 1].StartsWith('-'):
                    region = args[++i];
                    break;
                case "--region":
                    return new CliMistake(CliMistakeKind.RegionWithoutValue, arg);
                case var _ when arg.StartsWith("--region=", StringComparison.Ordinal):
                    region = arg["--region=".Length..];
                    break;
                case "--account" when i + 1 < args.Count && !args[i + 1].StartsWith('-'):
                    account = args[++i];
                    break;
                case "--account":
                    return new CliMistake(CliMistakeKind.AccountWithoutValue, arg);
                case var _ when arg.StartsWith("--account=", StringComparison.Ordinal):
                    account = arg["--account=".Length..];
                    break;
                case "--since" when i + 1 < args.Count && Days(args[i + 1]) is { } days:
                    since = days;
                    i++;
                    break;
                case "--since":
                    return new CliMistake(CliMistakeKind.NotADuration, i + 1 < args.Count ? args[i + 1] : "");
                case var _ when arg.StartsWith('-'):
                    return new CliMistake(CliMistakeKind.UnknownOption, arg);
                case var _ when InstanceId.Parse(arg) is { } id:
                    ids.Add(id);
                    break;
                default:
                    return new CliMistake(CliMistakeKind.NotAnInstanceId, arg);
            }
        }

        if (region is not null && RegionName.Parse(region) is null)
        {
            return new CliMistake(CliMistakeKind.NotARegion, region);
        }

        return ids.Count == 0
            ? new CliMistake(CliMistakeKind.NoInstanceId, "")
            : new CliQuestion(ids, region is null ? null : RegionName.Parse(region), json, sandbox) { Account = account, Since = since };
    }

    /// <summary>"400d": a whole number of days, at least one, at most ten years.</summary>
    private static TimeSpan? Days(string text) =>
        text.EndsWith('d') && int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
        && days is > 0 and <= 3660 ? TimeSpan.FromDays(days) : null;
}

/// <param name="Sandbox">Ask the built-in sample account instead of AWS.</param>
internal sealed record CliQuestion(IReadOnlyList<string> InstanceIds, string? Region, bool Json, bool Sandbox) : CliArguments
{
    /// <summary>The account's alias or 12-digit ID, as typed; null searches every account.</summary>
    public string? Account { get; init; }

    /// <summary>How far back to look (<c>--since 400d</c>); beyond 90 days the trail's archive is asked.</summary>
    public TimeSpan? Since { get; init; }
}

internal sealed record CliHelp : CliArguments;

/// <param name="Token">The argument at fault, as typed.</param>
internal sealed record CliMistake(CliMistakeKind Kind, string Token) : CliArguments;

internal enum CliMistakeKind
{
    RegionWithoutValue,
    AccountWithoutValue,
    UnknownOption,
    NotAnInstanceId,
    NotARegion,
    NoInstanceId,
    NotADuration,
}
