using System.Text.Json;
using ChatBot.Bench;
using ChatBot.Bench.Reporting;
using ChatBot.Bench.Scenarios;

// Exit codes: 0 every target met, 1 a target missed, 2 the bench itself could not run.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchSettings.Usage);
    return 0;
}

BenchSettings requested;
try
{
    requested = BenchSettings.Parse(args, ScenarioCatalog.Defaults);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + BenchSettings.Usage);
    return 2;
}

// With --json the table goes to stderr so that stdout is only the JSON document.
var table = requested.Json ? Console.Error : Console.Out;
var names = requested.Scenario == ScenarioCatalog.All ? [.. ScenarioCatalog.LoadScenarios, ScenarioCatalog.Engine] : new[] { requested.Scenario };
await table.WriteLineAsync($"machine: {Environment.ProcessorCount} cores, {Machine.MemoryGiB():0.0} GiB, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
// Which bot, and when it was built: a published copy left from an older commit would otherwise be measured silently.
var bot = BenchEnvironment.BotPath(requested);
await table.WriteLineAsync($"bot: {bot}, built {File.GetLastWriteTimeUtc(bot):yyyy-MM-dd HH:mm} UTC");

var results = new List<object>();
var missed = false;
foreach (var name in names)
{
    // Under `all`, each scenario keeps its own defaults; options given still apply to every one.
    var settings = BenchSettings.Parse(args, _ => ScenarioCatalog.Defaults(name));
    using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(settings.MaxSeconds));
    try
    {
        await table.WriteLineAsync($"load average before {name}: {Machine.LoadAverage()}");
        IScenarioReport report = name switch
        {
            ScenarioCatalog.Engine => await EngineScenario.RunAsync(settings, bound.Token),
            AccountsScenario.Name => await AccountsScenario.RunAsync(settings, bound.Token),
            FeedScenario.Name => await FeedScenario.RunAsync(settings, bound.Token),
            ReplicasScenario.Name or ReplicasScenario.Steady => await ReplicasScenario.RunAsync(settings, bound.Token),
            _ => await LoadScenario.RunAsync(settings, bound.Token),
        };
        foreach (var line in report.Lines())
        {
            await table.WriteLineAsync(line);
        }

        missed |= report.Checks.Any(c => !c.Met);
        results.Add(new { settings, result = (object)report });
    }
    catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException or TimeoutException or HttpRequestException)
    {
        await Console.Error.WriteLineAsync($"scenario {name} could not run: {e.Message}");
        return 2;
    }
}

if (requested.Json)
{
    Console.WriteLine(JsonSerializer.Serialize(results, Machine.JsonOptions));
}

return missed ? 1 : 0;
