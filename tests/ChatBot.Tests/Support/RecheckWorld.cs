using System.Text.Json;
using ChatBot.Slack.Ingress;
using ChatBot.Slack.Rechecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Support;

/// <summary>The bot with the feed on, alerts off, and the re-checks on a fake clock: a question about an instance EC2
/// says is stopping while LookupEvents has nothing yet, so the answer is one that keeps watching.</summary>
internal sealed class RecheckWorld : IAsyncDisposable
{
    public const string Id = FeedWorld.Id;
    public const string Region = FeedWorld.Region;

    private RecheckWorld(FeedWorld feed, FakeTimeProvider clock, DateTimeOffset asked)
    {
        Feed = feed;
        Clock = clock;
        Asked = asked;
    }

    public FeedWorld Feed { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The fake clock's time when the question was asked: the re-checks count from here.</summary>
    public DateTimeOffset Asked { get; }

    public FakeSlack Slack => Feed.Slack;

    public AwsStub Aws => Feed.App.Aws;

    public IPendingRechecks Store => Feed.App.Services.GetRequiredService<IPendingRechecks>();

    public static async Task<RecheckWorld> StartAsync(AwsStub? aws = null, Action<IServiceCollection>? edges = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var feed = await FeedWorld.StartAsync(aws ?? FeedWorld.FreshStop(), new Dictionary<string, string?> { ["WHOSTOPPED_ALERT_CHANNEL"] = null }, edges: services =>
        {
            services.AddKeyedSingleton<TimeProvider>(RecheckSchedule.ClockKey, clock);
            edges?.Invoke(services);
        });
        return new RecheckWorld(feed, clock, clock.GetUtcNow());
    }

    /// <summary>Asks with /whostopped and waits for the summary, and for the question to be done: only then is the
    /// watch told where the summary went, which the test's next move (a feed event, the clock, a press) relies on.</summary>
    public async Task<JsonElement> AskAsync(string text = $"{Id} {Region}")
    {
        var answered = Answered();
        using var ack = await Feed.App.SendAsync(SignedRequests.Command(text, Slack.ResponseUrl));
        var summary = (await Slack.WaitForAsync(1))[0];
        await Eventually.TrueAsync(() => Answered() > answered, "the question to be done");
        return summary;
    }

    private int Answered() => Feed.App.Logs.Lines.Count(l => l.Contains("/whostopped answered in", StringComparison.Ordinal));

    /// <summary>The "Check again" button's value on a summary; null when it has none.</summary>
    public static string? WatchIdOn(JsonElement message) => message.TryGetProperty("blocks", out var blocks)
        ? blocks.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .FirstOrDefault(e => e.GetProperty("action_id").GetString()!.StartsWith("check_again:", StringComparison.Ordinal)) is { ValueKind: JsonValueKind.Object } button
            ? button.GetProperty("value").GetString() : null
        : null;

    /// <summary>Presses "Check again" as Slack sends it: a signed block_actions interaction with its own response_url.</summary>
    public async Task PressCheckAgainAsync(string watchId, string responseUrl)
    {
        var payload = JsonSerializer.Serialize(new
        {
            type = "block_actions",
            team = new { id = SignedRequests.Team },
            channel = new { id = SignedRequests.Channel },
            user = new { id = "U0BOB" },
            response_url = responseUrl,
            actions = new[] { new { action_id = $"check_again:{Id}", type = "button", value = watchId, block_id = "b1", action_ts = "1795168992.2" } },
        });
        using var response = await Feed.App.SendAsync(SignedRequests.Form(SlackEndpoints.InteractionsPath, new Dictionary<string, string> { ["payload"] = payload }));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Sets the fake clock to <paramref name="after"/> past the question and waits until LookupEvents has been
    /// asked <paramref name="lookups"/> times in all and the re-check has put its entry back or finished.</summary>
    public async Task CheckAtAsync(TimeSpan after, int lookups)
    {
        var store = (InMemoryPendingRechecks)Store;
        if (Asked + after > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(Asked + after);
        }

        // The scheduler polls on the fake clock: nudged on by one poll at a time until it claims, never while a claim
        // runs, so that no lease can lapse under a slow re-check.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Aws.LookupCalls(Region).Count < lookups)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for LookupEvents call {lookups}");
            if (!store.AnyLeased(Clock.GetUtcNow()))
            {
                Clock.Advance(RecheckScheduler.Poll);
            }

            await Task.Delay(50);
        }

        await Eventually.TrueAsync(() => !store.AnyLeased(Clock.GetUtcNow()), "the re-check to finish");
    }

    /// <summary>Posts into the summary's thread, by text.</summary>
    public IReadOnlyList<string> ThreadTexts() => Slack.Bodies()
        .Where(b => b.TryGetProperty("thread_ts", out var t) && t.GetString() == FakeSlack.SummaryTs)
        .Select(b => b.GetProperty("text").GetString()!).ToList();

    public ValueTask DisposeAsync() => Feed.DisposeAsync();
}
