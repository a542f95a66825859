using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Investigation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;

namespace ChatBot.Tests.Support;

/// <summary>The real app in memory (Program, through WebApplicationFactory), with only the edges replaced. By default
/// <see cref="FakeSlack"/> plays Slack's Web API and an <see cref="AwsStub"/> plays AWS, with one worker, so queued work
/// runs in order and "nothing else was posted" can be checked after a later request's answer. <see cref="Bare"/> and
/// <see cref="WithSlack"/> start it with the given settings alone, as if from environment variables.</summary>
internal sealed class TestApp : IAsyncDisposable, IDisposable
{
    /// <summary>The one region the bot searches, so that each question costs exactly one DescribeInstances.</summary>
    public const string Region = "eu-west-1";

    /// <summary>A second instance that the default AWS world knows, for questions about several at once.</summary>
    public const string OtherId = "i-0fedcba9876543210";

    private readonly WebApplicationFactory<Program> factory;
    private readonly FakeSlack? slack;
    private readonly AwsStub? aws;
    private readonly bool ownsAws;
    private readonly List<HeldResponses> held = [];

    /// <param name="aws">The AWS the bot talks to; by default both <see cref="SampleFindings.Id"/> and
    /// <see cref="OtherId"/> exist in <see cref="Region"/>, stopped from the console by alice.</param>
    /// <param name="edges">Adjusts the clients at the edges, e.g. a shorter Slack timeout to test timeouts quickly.</param>
    public TestApp(
        IDictionary<string, string?>? settings = null, string environment = "Development", AwsStub? aws = null, Action<IServiceCollection>? edges = null)
    {
        ownsAws = aws is null;
        this.aws = aws ?? StoppedFromConsole(SampleFindings.Id, OtherId);
        slack = new FakeSlack();
        var all = new Dictionary<string, string?>(this.aws.Configuration)
        {
            ["SLACK_SIGNING_SECRET"] = SignedRequests.Secret,
            ["SLACK_BOT_TOKEN"] = "xoxb-test-token",
            ["SLACK_API_URL"] = slack.ApiUrl,
            ["WHOSTOPPED_WORKERS"] = "1",
            ["WHOSTOPPED_REGIONS"] = Region,
            // Every question asks EC2 afresh, so that DescribeInstances counts the questions that reached the engine.
            ["WHOSTOPPED_STATE_SECONDS"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        factory = Start(environment, all, edges);
    }

    private TestApp(string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? edges) =>
        factory = Start(environment, settings, edges);

    /// <summary>Signing secret and bot token as Slack issues them (values made up), for apps that are not the sandbox.</summary>
    public static IReadOnlyDictionary<string, string?> SlackSecrets { get; } = new Dictionary<string, string?>
    {
        ["SLACK_SIGNING_SECRET"] = "8f742231b10e8888abcd99yyyzzz85a5",
        ["SLACK_BOT_TOKEN"] = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
    };

    /// <summary>The app with these settings alone: no stand-ins, so AWS and Slack are whatever the settings say.</summary>
    public static TestApp Bare(string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? edges = null) =>
        new(environment, settings, edges);

    /// <summary>A non-sandbox app without stand-ins: Slack secrets plus <paramref name="settings"/>.</summary>
    public static TestApp WithSlack(string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? edges = null) =>
        Bare(environment, SlackSecrets.Concat(settings).ToDictionary(), edges);

    /// <summary>The engine as the app wires it, against <paramref name="aws"/> through the standard endpoint variables;
    /// Slack is configured (made-up secrets) and never called.</summary>
    public static TestApp Engine(AwsStub aws, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var all = SlackSecrets.Concat(aws.Configuration).ToDictionary();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return Bare("Testing", all, services);
    }

    /// <summary>Takes out the background that keeps member roles' sessions in hand (<see cref="RoleSessions"/>), for tests
    /// of what a question does itself when no session is in hand: they count its AssumeRole calls.</summary>
    public static void WithoutKeptSessions(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RoleSessions)));

    public FakeSlack Slack => slack ?? throw new InvalidOperationException("This app has no Slack stand-in: start it with the constructor.");

    public AwsStub Aws => aws ?? throw new InvalidOperationException("This app has no AWS stand-in: start it with the constructor.");

    public LogCapture Logs { get; } = new();

    public IServiceProvider Services => factory.Services;

    /// <summary>Questions that reached the engine: with one region to search, each asks DescribeInstances once.</summary>
    public int Investigations => Aws.Ec2Calls("DescribeInstances").Count;

    public HttpClient CreateClient() => factory.CreateClient();

    public IInvestigator Investigator => Get<IInvestigator>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>One question about one instance, straight to the engine, in the default account.</summary>
    public async Task<Finding> AskAsync(string instanceId, string? region = null) =>
        (await Investigator.InvestigateAsync(new Question(AwsAccount.Default, [instanceId], region), CancellationToken.None)).Single();

    /// <summary>Holds LookupEvents (about one instance, or all) until released or the app is disposed, then answers
    /// with an empty page.</summary>
    public HeldResponses HoldCloudTrail(string? instanceId = null)
    {
        var request = Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", AwsStub.LookupEventsTarget);
        return Hold(new HeldResponses(Aws.Server, instanceId is null ? request : request.WithBody($"*\"AttributeValue\":\"{instanceId}\"*"),
            "application/x-amz-json-1.1", """{"Events":[]}"""));
    }

    /// <summary>Holds the chat.postMessage calls into one thread until released or the app is disposed.</summary>
    public HeldResponses HoldPostsInThread(string threadTs) => Hold(new HeldResponses(Slack.Server,
        Request.Create().WithPath(FakeSlack.PostMessagePath).WithBody($"*\"thread_ts\":\"{threadTs}\"*"),
        "application/json", $$"""{"ok":true,"ts":"{{threadTs}}1"}"""));

    /// <summary>Holds every chat.postMessage call until released or the app is disposed.</summary>
    public HeldResponses HoldAllPosts() => Hold(new HeldResponses(Slack.Server,
        Request.Create().WithPath(FakeSlack.PostMessagePath), "application/json", """{"ok":true,"ts":"9.9"}"""));

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = factory.CreateClient();
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    /// <summary>Stops the app the way SIGTERM does (the host's graceful stop), keeping the stubs up to inspect.</summary>
    public ValueTask StopAsync() => factory.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        held.ForEach(h => h.Release());
        slack?.Dispose();
        if (ownsAws)
        {
            aws?.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private WebApplicationFactory<Program> Start(string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? edges) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace));
            web.ConfigureTestServices(services => edges?.Invoke(services));
        });

    private HeldResponses Hold(HeldResponses responses)
    {
        held.Add(responses);
        return responses;
    }

    internal static AwsStub StoppedFromConsole(params string[] ids)
    {
        var aws = new AwsStub().Instances(Region, [.. ids.Select(id => new Instance(id) { Zone = Region + "a" })]);
        foreach (var id in ids)
        {
            aws.Events(Region, id, Records.SsoConsoleStop(id, DateTimeOffset.UtcNow.AddHours(-1)));
        }

        return aws;
    }
}
