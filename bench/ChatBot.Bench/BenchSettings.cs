using System.Globalization;

namespace ChatBot.Bench;

/// <summary>Everything one run is made of. A scenario sets its own defaults; options on the command line override them.</summary>
public sealed record BenchSettings
{
    public string Scenario { get; init; } = "throughput";
    public int Commands { get; init; } = 500;
    public int Concurrency { get; init; } = 200;
    public int DistinctInstances { get; init; } = 20;
    public int Mentions { get; init; }

    /// <summary><c>http</c> (signed requests) or <c>socket</c> (envelopes over a Socket Mode connection).</summary>
    public string Transport { get; init; } = "http";

    public bool UsesSocket => Transport == "socket";

    /// <summary>Extra deliveries of each mention with X-Slack-Retry-Num, as Slack sends when an ack is late.</summary>
    public int EventRetries { get; init; }

    public int AwsLatencyMs { get; init; } = 300;
    public int SlackLatencyMs { get; init; } = 20;
    public double Slack429Rate { get; init; }
    public double AwsThrottleRate { get; init; }

    /// <summary>WHOSTOPPED_REGIONS for the bot; the instances live in <see cref="InstanceRegion"/>.</summary>
    public string Regions { get; init; } = "us-east-1";

    public string InstanceRegion { get; init; } = "us-east-1";

    /// <summary>False leaves WHOSTOPPED_REGIONS unset, so the bot asks DescribeRegions (which answers <see cref="Regions"/>).</summary>
    public bool ConfigureRegions { get; init; } = true;

    /// <summary>The AWS stand-in enforces AWS's own limits: LookupEvents 2/s, EC2's bucket of 100 refilling 20/s.</summary>
    public bool AwsLimits { get; init; }

    /// <summary>WHOSTOPPED_QUEUE_CAPACITY for the bot; null keeps the bot's default.</summary>
    public int? QueueCapacity { get; init; }

    public int Warmup { get; init; } = 8;

    /// <summary>`help` commands sent before the run: they exercise only the acknowledgement path, so a long-running
    /// bot's JIT-optimised code is what gets measured, not the first calls' unoptimised code.</summary>
    public int WarmupAcks { get; init; } = 300;

    /// <summary>Extra KEY=VALUE variables for the bot, e.g. to try a logging level or GC setting.</summary>
    public IReadOnlyList<string> BotEnv { get; init; } = [];
    /// <summary>Member accounts of the organisation (the accounts scenario).</summary>
    public int Accounts { get; init; } = 20;
    public int AnswerTimeoutSeconds { get; init; } = 90;
    public int MaxSeconds { get; init; } = 300;
    public int RssBudgetMb { get; init; } = 400;
    public string? BotPath { get; init; }
    public bool Json { get; init; }

    public IReadOnlyList<string> RegionList => Regions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public const string Usage = """
        whostopped benchmark: starts the Release build of the bot against local AWS and Slack stand-ins and loads it.
          dotnet build -c Release && dotnet run -c Release --project bench/ChatBot.Bench -- [options]
        options (a scenario sets defaults; these override them):
          --scenario throughput|throughput-socket|shared|ratelimit|backpressure|engine|accounts|replicas|replicas-steady|all   (default throughput)
          --transport http|socket   (Slack's deliveries as signed HTTP requests, or envelopes over Socket Mode)
          --commands N  --concurrency C  --distinct-instances K  --mentions M  --event-retries R
          --aws-latency-ms MS  --slack-latency-ms MS  --slack-429-rate F  --aws-throttle-rate F
          --regions R1,R2  --instance-region R  --configure-regions true|false  --aws-limits true|false
          --queue-capacity N  --warmup N  --warmup-acks N  --accounts N
          --bot-env KEY=VALUE (repeatable)
          --answer-timeout-s S  --max-seconds S  --rss-budget-mb MB  --bot PATH/ChatBot.dll  --json
        """;

    private static readonly Dictionary<string, Func<BenchSettings, string, BenchSettings>> Setters = new(StringComparer.Ordinal)
    {
        ["--commands"] = (s, v) => s with { Commands = Int(v) },
        ["--concurrency"] = (s, v) => s with { Concurrency = Math.Max(1, Int(v)) },
        ["--distinct-instances"] = (s, v) => s with { DistinctInstances = Math.Max(1, Int(v)) },
        ["--mentions"] = (s, v) => s with { Mentions = Int(v) },
        ["--transport"] = (s, v) => s with { Transport = v is "http" or "socket" ? v : throw new ArgumentException("--transport is http or socket") },
        ["--event-retries"] = (s, v) => s with { EventRetries = Int(v) },
        ["--aws-latency-ms"] = (s, v) => s with { AwsLatencyMs = Int(v) },
        ["--slack-latency-ms"] = (s, v) => s with { SlackLatencyMs = Int(v) },
        ["--slack-429-rate"] = (s, v) => s with { Slack429Rate = Fraction(v) },
        ["--aws-throttle-rate"] = (s, v) => s with { AwsThrottleRate = Fraction(v) },
        ["--regions"] = (s, v) => s with { Regions = v },
        ["--instance-region"] = (s, v) => s with { InstanceRegion = v },
        ["--configure-regions"] = (s, v) => s with { ConfigureRegions = bool.Parse(v) },
        ["--aws-limits"] = (s, v) => s with { AwsLimits = bool.Parse(v) },
        ["--queue-capacity"] = (s, v) => s with { QueueCapacity = Int(v) },
        ["--warmup"] = (s, v) => s with { Warmup = Int(v) },
        ["--warmup-acks"] = (s, v) => s with { WarmupAcks = Int(v) },
        ["--accounts"] = (s, v) => s with { Accounts = Math.Max(2, Int(v)) },
        ["--bot-env"] = (s, v) => s with { BotEnv = [.. s.BotEnv, v] },
        ["--answer-timeout-s"] = (s, v) => s with { AnswerTimeoutSeconds = Int(v) },
        ["--max-seconds"] = (s, v) => s with { MaxSeconds = Int(v) },
        ["--rss-budget-mb"] = (s, v) => s with { RssBudgetMb = Int(v) },
        ["--bot"] = (s, v) => s with { BotPath = v },
    };

    /// <summary>The named scenario's defaults with the options on top, in the order given.</summary>
    public static BenchSettings Parse(IReadOnlyList<string> args, Func<string, BenchSettings> scenarioDefaults)
    {
        var pairs = new List<(string Name, string Value)>();
        var scenario = "throughput";
        var json = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--json")
            {
                json = true;
                continue;
            }

            if (i + 1 >= args.Count || !(args[i] == "--scenario" || Setters.ContainsKey(args[i])))
            {
                throw new ArgumentException($"Unknown option or missing value: {args[i]}");
            }

            if (args[i] == "--scenario")
            {
                scenario = args[++i];
                continue;
            }

            pairs.Add((args[i], args[++i]));
        }

        var settings = scenarioDefaults(scenario) with { Json = json };
        return pairs.Aggregate(settings, (s, p) => Setters[p.Name](s, p.Value));
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Fraction(string value) =>
        Math.Clamp(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture), 0, 1);
}
