using System.Globalization;
using ChatBot.Bench.Bot;
using ChatBot.Bench.Load;
using ChatBot.Bench.Reporting;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Scenarios;

/// <summary>The AWS and Slack stand-ins, the bot wired to them, and the driver that asks it questions.</summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    private const string SigningSecret = "bench-signing-secret-8f14e45fceea167a";
    private const string BotToken = "xoxb-bench-0000000000-0000000000000";
    private const string AppToken = "xapp-1-A0BENCH00-0000000000-bench";

    /// <summary>Long enough for a retried post to land twice, so duplicates show.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly List<IAsyncDisposable> owned = [];

    private Dictionary<string, string> environment = [];

    private BenchEnvironment(AwsStandIn aws, SlackStandIn slack, BotProcess bot, IDeliveryDriver driver)
    {
        Aws = aws;
        Slack = slack;
        Bot = bot;
        Driver = driver;
    }

    public AwsStandIn Aws { get; }
    public SlackStandIn Slack { get; }
    public BotProcess Bot { get; }
    /// <summary>Signed HTTP requests, or envelopes over Socket Mode (<c>--transport socket</c>).</summary>
    public IDeliveryDriver Driver { get; }

    /// <summary>Signs deliveries the way <see cref="Driver"/> does, for scenarios that pick the replica themselves.</summary>
    public required SlackRequests Requests { get; init; }

    /// <summary>The bot's own secret key; the organisation stand-in checks its signatures with it.</summary>
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public static async Task<BenchEnvironment> StartAsync(
        BenchSettings s, CancellationToken ct, IReadOnlyDictionary<string, string>? extra = null, Func<AwsBehaviour, AwsBehaviour>? shapeAws = null)
    {
        var behaviour = new AwsBehaviour(s.AwsLatencyMs, s.AwsThrottleRate, s.RegionList, s.InstanceRegion, s.AwsLimits);
        var aws = new AwsStandIn(shapeAws is null ? behaviour : shapeAws(behaviour));
        var socket = new SocketStandIn();
        var slack = new SlackStandIn(new SlackBehaviour(s.SlackLatencyMs, s.Slack429Rate, BotToken, AppToken), socket);
        var awsHost = await StandInHost.StartAsync(aws.HandleAsync, ct);
        var slackHost = await StandInHost.StartAsync(slack.HandleAsync, ct);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SLACK_SIGNING_SECRET"] = SigningSecret,
            ["SLACK_BOT_TOKEN"] = BotToken,
            ["SLACK_API_URL"] = new Uri(slackHost.Url, "api/").ToString(),
            ["AWS_ENDPOINT_URL"] = awsHost.Url.ToString().TrimEnd('/'),
            ["AWS_REGION"] = s.RegionList[0],
            ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        if (s.ConfigureRegions)
        {
            environment["WHOSTOPPED_REGIONS"] = s.Regions;
        }

        if (s.UsesSocket)
        {
            // Over Socket Mode there is nothing to sign: the app token opens the connection instead.
            environment.Remove("SLACK_SIGNING_SECRET");
            environment["SLACK_APP_TOKEN"] = AppToken;
        }

        if (s.QueueCapacity is { } capacity)
        {
            environment["WHOSTOPPED_QUEUE_CAPACITY"] = capacity.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var pair in s.BotEnv.Select(e => e.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1])).Concat(
                     (extra ?? new Dictionary<string, string>()).Select(e => (e.Key, e.Value))))
        {
            environment[pair.Item1] = pair.Item2;
        }

        var log = Path.Combine(Path.GetTempPath(), "whostopped-bench", $"{s.Scenario}-bot.log");
        var bot = await BotProcess.StartAsync(BotPath(s), environment, log, ct);
        var requests = new SlackRequests(SigningSecret, new Uri(slackHost.Url, SlackStandIn.ResponsePath));
        IDeliveryDriver driver = s.UsesSocket ? new SocketDriver(socket, requests) : new SlackDriver(bot.Url, requests, s.Concurrency);
        var bench = new BenchEnvironment(aws, slack, bot, driver) { Requests = requests, environment = environment };
        bench.owned.AddRange([bot, slackHost, awsHost, socket]);
        if (s.UsesSocket)
        {
            try
            {
                // Nothing can be sent until the bot has opened its connection.
                await socket.ConnectedAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                await bench.DisposeAsync();
                throw;
            }
        }

        return bench;
    }

    /// <summary>Another replica of the bot on the same stand-ins and settings, with a driver of its own.</summary>
    public async Task<(BotProcess Bot, SlackDriver Driver)> StartReplicaAsync(BenchSettings s, string name, CancellationToken ct)
    {
        var log = Path.Combine(Path.GetTempPath(), "whostopped-bench", $"{s.Scenario}-{name}-bot.log");
        var bot = await BotProcess.StartAsync(BotPath(s), environment, log, ct);
        owned.Insert(0, bot);
        return (bot, new SlackDriver(bot.Url, Requests, s.Concurrency));
    }

    /// <summary>A few real questions about an instance no scenario uses, answered in full, then `help` commands for the
    /// acknowledgement path, so that the measured run sees a bot that has been up a while; then the stand-ins forget them.</summary>
    public async Task WarmUpAsync(BenchSettings s, CancellationToken ct)
    {
        if (s.Warmup > 0)
        {
            var warm = Question.Plan("W", s.Warmup, s.Mentions > 0 ? 2 : 0, 1, region: null, firstInstance: 1_000_000);
            var acks = await Driver.AskAsync(warm, concurrency: 2, eventRetries: 0, ct);
            await AwaitAnswersAsync(warm, acks, TimeSpan.FromSeconds(30), ct);
        }

        if (s.WarmupAcks > 0)
        {
            var help = Enumerable.Range(0, s.WarmupAcks)
                .Select(i => Question.Create("H", QuestionKind.Command, i, "help", null) with { Text = "help" }).ToList();
            // At the run's own concurrency, so that the burst finds its connections open, as Slack's keep-alive
            // connections would be: the acks then time the bot's handling rather than TCP set-up on a shared machine.
            await Driver.AskAsync(help, concurrency: Math.Max(8, s.Concurrency), eventRetries: 0, ct);
            // Tiered compilation promotes hot methods in the background once calls pause for about 100 ms.
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        Aws.Calls.Clear();
        Slack.Posts.Clear();
    }

    /// <summary>Waits until every question has an answer or a busy reply (or the timeout passes), then a moment
    /// longer for late duplicates.</summary>
    public async Task<IReadOnlyList<Outcome>> AwaitAnswersAsync(IReadOnlyList<Question> questions, IReadOnlyList<Ack> acks, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (Outcome.Match(questions, acks, Slack.Posts.Snapshot()).Any(o => o.Silent && o.Ack?.IsSuccess == true))
            {
                await Task.Delay(200, deadline.Token);
            }

            await Task.Delay(Settle, ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The timeout passed: whoever is still waiting counts as silent.
        }

        return Outcome.Match(questions, acks, Slack.Posts.Snapshot());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in owned)
        {
            await resource.DisposeAsync();
        }

        Driver.Dispose();
    }

    /// <summary>The bot the run measures: <c>--bot</c>, or else what ships, <c>dotnet publish src/ChatBot -c Release -o
    /// artifacts/bot</c> (precompiled, as the Dockerfile builds it), or else the Release build.</summary>
    public static string BotPath(BenchSettings s)
    {
        if (s.BotPath is { } given)
        {
            return given;
        }

        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? ".";
        var published = Path.Combine(root, "artifacts", "bot", "ChatBot.dll");
        return File.Exists(published) ? published : Path.Combine(root, "src", "ChatBot", "bin", "Release", "net10.0", "ChatBot.dll");
    }
}
