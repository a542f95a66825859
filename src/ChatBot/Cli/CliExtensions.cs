using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Doctor;
using ChatBot.Feed;
using ChatBot.Investigation;
using ChatBot.Sandbox;

namespace ChatBot.Cli;

/// <summary><c>whostopped &lt;id&gt;… [--region R] [--json]</c>: the engine without Slack, for humans and scripts.</summary>
public static class CliExtensions
{
    public const string CommandName = "whostopped";

    public const string Usage = """
        Usage: whostopped <instance-id> [<instance-id>...] [--region <region>] [--account <alias|id>] [--since <days>d] [--json] [--sandbox]
               whostopped doctor [--json]

          <instance-id>      i- followed by 8 or 17 hex digits, e.g. i-0123456789abcdef0
          --region <region>  search only this region (default: WHOSTOPPED_REGIONS, else every enabled region)
          --account <a>      search only this account of WHOSTOPPED_ACCOUNTS, by alias or 12-digit ID (default: all)
          --since <days>d    look this far back, e.g. 400d; beyond 90 days the trail's archive is asked (WHOSTOPPED_ATHENA_TABLE)
          --json             print a JSON array, one object per instance
          --sandbox          ask the built-in sample account instead of AWS
          doctor             check each account's trail against CloudTrail's best practices, the feed and member roles

        Exit codes: 0 answered, 1 at least one instance could not be answered, 2 usage error.
        doctor: 0 when no check fails, 1 when one does, 2 usage error.
        """;

    public const string DoctorCommand = "doctor";

    public static bool IsCliInvocation(string[] args) => args is [CommandName, ..];

    public static Task<int> RunCliAsync(string[] args) => RunAsync(args[1..], Console.Out, Console.Error, configure: null);

    /// <summary>Runs the command with its own host: the same AWS clients and engine as the bot, minus the web server.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<IHostApplicationBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [DoctorCommand, .. var options])
        {
            return await DoctorAsync(options, stdout, stderr, configure);
        }

        switch (CliArguments.Parse(args))
        {
            case CliMistake mistake:
                await stderr.WriteLineAsync($"error: {Explain(mistake)}\n\n{Usage}");
                return 2;
            case CliQuestion question:
                return await AnswerAsync(question, stdout, stderr, configure);
            default:
                await stdout.WriteLineAsync(Usage);
                return 0;
        }
    }

    private static string Explain(CliMistake mistake) => mistake.Kind switch
    {
        CliMistakeKind.RegionWithoutValue => "--region needs a value, e.g. --region eu-west-1",
        CliMistakeKind.AccountWithoutValue => "--account needs a value: an alias from WHOSTOPPED_ACCOUNTS or a 12-digit account ID",
        CliMistakeKind.UnknownOption => $"unknown option {mistake.Token}",
        CliMistakeKind.NotAnInstanceId => $"'{mistake.Token}' is not an instance ID: expected {InstanceId.ExpectedForm}",
        CliMistakeKind.NotARegion => $"'{mistake.Token}' is not an AWS region name, e.g. {RegionName.Example}",
        CliMistakeKind.NotADuration => $"--since needs a number of days, e.g. --since 400d (got '{mistake.Token}')",
        _ => "give at least one instance ID",
    };

    private static async Task<int> AnswerAsync(CliQuestion parsed, TextWriter stdout, TextWriter stderr, Action<IHostApplicationBuilder>? configure)
    {
        using var host = BuildHost(configure, builder =>
        {
            if (parsed.Sandbox)
            {
                builder.Services.AddSampleAccount();
            }

            builder.AddInvestigation();
        });

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var accounts = host.Services.GetRequiredService<AccountDirectory>();
        var account = parsed.Account is null ? AwsAccount.Default : accounts.Find(parsed.Account);
        if (account is null)
        {
            var known = accounts.Aliases.Count == 0 ? "none (WHOSTOPPED_ACCOUNTS is not set)" : string.Join(", ", accounts.Aliases);
            await stderr.WriteLineAsync($"error: '{parsed.Account}' is not a known account; known accounts: {known}\n\n{Usage}");
            return 2;
        }

        var investigator = host.Services.GetRequiredService<IInvestigator>();
        var findings = await investigator.InvestigateAsync(new Question(account, parsed.InstanceIds, parsed.Region) { Since = parsed.Since }, cancel.Token);

        await stdout.WriteAsync(parsed.Json ? FindingJson.Serialize(findings) + "\n" : TextReport.Render(findings));
        return findings.Any(f => f.HasProblem) ? 1 : 0;
    }

    private static async Task<int> DoctorAsync(string[] options, TextWriter stdout, TextWriter stderr, Action<IHostApplicationBuilder>? configure)
    {
        if (options is ["-h" or "--help"])
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }

        if (options.Any(o => o != "--json"))
        {
            await stderr.WriteLineAsync($"error: doctor takes only --json\n\n{Usage}");
            return 2;
        }

        using var host = BuildHost(configure, builder => builder.AddDoctor().AddFeedProbe());
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var results = await host.Services.GetRequiredService<TrailDoctor>().CheckAsync(host.Services.GetRequiredService<AccountDirectory>().All, cancel.Token);
        await stdout.WriteAsync(options.Length > 0 ? DoctorReport.JsonArray(results) + "\n" : DoctorReport.Text(results));
        return results.Any(r => r.Status == CheckStatus.Fail) ? 1 : 0;
    }

    /// <summary>The same AWS clients as the bot, minus the web server.</summary>
    private static IHost BuildHost(Action<IHostApplicationBuilder>? configure, Action<IHostApplicationBuilder> add)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Output is the answer; only warnings and errors go to stderr, whatever appsettings.json says.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
        builder.AddAws();
        add(builder);
        configure?.Invoke(builder);
        return builder.Build();
    }
}
