using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Support;

/// <summary>The whole bot with the feed on: the SQS stand-in as its events queue (the real AWSSDK.SQS talks to it),
/// <see cref="FakeSlack"/> as Slack and an <see cref="AwsStub"/> as EC2 and CloudTrail.</summary>
internal sealed class FeedWorld : IAsyncDisposable
{
    public const string AlertChannel = "C0ALERTS";
    public const string Region = TestApp.Region;
    public const string Id = "i-0aaaabbbbcccc0001";

    private readonly bool ownsQueue;

    private FeedWorld(SqsStandIn queue, TestApp app, bool ownsQueue)
    {
        Queue = queue;
        App = app;
        this.ownsQueue = ownsQueue;
    }

    public SqsStandIn Queue { get; }

    public TestApp App { get; }

    public FakeSlack Slack => App.Slack;

    /// <summary>EC2 knows <see cref="Id"/> (stopping, with <paramref name="tags"/>) and LookupEvents has nothing yet,
    /// as in the minutes after a stop.</summary>
    public static AwsStub FreshStop(IReadOnlyDictionary<string, string>? tags = null, params string[] ids)
    {
        var aws = new AwsStub();
        var all = ids.Length == 0 ? [Id] : ids;
        aws.Instances(Region, [.. all.Select(id => new Instance(id, "stopping") { Zone = Region + "a", Transition = null, Tags = tags ?? new Dictionary<string, string> { ["Name"] = "web-1" } })]);
        foreach (var id in all)
        {
            aws.Events(Region, id);
        }

        return aws;
    }

    public static async Task<FeedWorld> StartAsync(
        AwsStub aws, IDictionary<string, string?>? settings = null, Action<SqsStandIn>? queue = null, Action<IServiceCollection>? edges = null)
    {
        var standIn = await SqsStandIn.StartAsync();
        queue?.Invoke(standIn);
        return Join(standIn, aws, settings, edges, ownsQueue: true);
    }

    /// <summary>Another replica on a queue that is already there; the queue outlives it.</summary>
    public static FeedWorld Join(SqsStandIn queue, AwsStub aws, IDictionary<string, string?>? settings = null) =>
        Join(queue, aws, settings, edges: null, ownsQueue: false);

    /// <summary>The settings a replica needs to read <paramref name="queue"/> and alert into <see cref="AlertChannel"/>.</summary>
    public static Dictionary<string, string?> Settings(SqsStandIn queue) => new()
    {
        ["AWS_ENDPOINT_URL_SQS"] = queue.Url.ToString(),
        ["WHOSTOPPED_EVENTS_QUEUE_URL"] = queue.QueueUrl,
        ["WHOSTOPPED_ALERT_CHANNEL"] = AlertChannel,
    };

    private static FeedWorld Join(SqsStandIn queue, AwsStub aws, IDictionary<string, string?>? settings, Action<IServiceCollection>? edges, bool ownsQueue)
    {
        var all = Settings(queue);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = new TestApp(all, aws: aws, edges: edges);
        _ = app.Services;
        return new FeedWorld(queue, app, ownsQueue);
    }

    /// <summary>Top-level posts (alert summaries) in <paramref name="channel"/>.</summary>
    public IReadOnlyList<System.Text.Json.JsonElement> Summaries(string channel = AlertChannel) => Slack.Bodies()
        .Where(b => b.GetProperty("channel").GetString() == channel && !b.TryGetProperty("thread_ts", out _)).ToList();

    public IReadOnlyList<System.Text.Json.JsonElement> Updates() => Slack.Bodies(FakeSlack.UpdatePath);

    /// <summary>Waits until the queue is empty and nothing is in flight.</summary>
    public async Task DrainedAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Queue.Depth > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Queue.Depth} message(s) still on the queue");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (ownsQueue)
        {
            await Queue.DisposeAsync();
        }
    }
}
