using ChatBot.Investigation;

namespace ChatBot.Cli;

/// <summary>The command line, parsed and validated before any AWS call is made.</summary>
internal sealed record CliArguments(IReadOnlyList<string> InstanceIds, string? Region, bool Json, bool Help, string? Error)
{
    /// <summary>Ask the built-in sample account instead of AWS.</summary>
    public bool Sandbox { get; init; }

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var ids = new List<string>();
        string? region = null;
        var json = false;
        var sandbox = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i] ?? "";
            switch (arg)
            {
                case "-h" or "--help":
                    return new([], null, false, true, null);
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
                    return Fail("--region needs a value, e.g. --region eu-west-1");
                case var _ when arg.StartsWith("--region=", StringComparison.Ordinal):
                    region = arg["--region=".Length..];
                    break;
                case var _ when arg.StartsWith('-'):
                    return Fail($"unknown option {arg}");
                case var _ when !InstanceId.IsValid(arg.ToLowerInvariant()):
                    return Fail($"'{arg}' is not an instance ID: expected {InstanceId.ExpectedForm}");
                default:
                    ids.Add(arg.ToLowerInvariant());
                    break;
            }
        }

        if (region is not null && !System.Text.RegularExpressions.Regex.IsMatch(region, "^[a-z]{2}(-[a-z]+)+-\\d+$"))
        {
            return Fail($"'{region}' is not an AWS region name, e.g. us-east-1");
        }

        return ids.Count == 0 ? Fail("give at least one instance ID") : new(ids, region, json, false, null) { Sandbox = sandbox };
    }

    private static CliArguments Fail(string error) => new([], null, false, false, error);
}
