
namespace ChatBot.Tests.Feed;

/// <summary>The SQS consumer through the real AWSSDK.SQS against the stand-in: at-least-once delivery, bad messages,
/// redelivery, a queue that is not there, shutdown.</summary>
public sealed class FeedConsumerTests
{
    private const string Id = FeedWorld.Id;
    private const string Region = FeedWorld.Region;

    [Fact]
    public async Task A_stop_on_the_feed_is_alerted_once_and_its_message_deleted()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop());
        world.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));

        await Eventually.TrueAsync(() => world.Summaries().Count == 1, "the alert");
        await world.DrainedAsync();

        Assert.Contains("alice@example.com", world.Summaries()[0].GetProperty("text").GetString());
        Assert.Equal(1, world.Queue.CountOf("DeleteMessage"));
        var receive = world.Queue.Calls.First(c => c.Operation == "ReceiveMessage").Body;
        Assert.Equal(20, receive["WaitTimeSeconds"]!.GetValue<int>());
        Assert.Equal(10, receive["MaxNumberOfMessages"]!.GetValue<int>());
    }

    [Fact]
    public async Task Duplicates_by_EventBridge_id_and_by_CloudTrail_eventID_are_deleted_without_a_second_alert()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop());
        var record = Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow);
        var first = FeedEvents.ApiCall(record, Region);
        world.Queue.Send(first);
        world.Queue.Send(first);
        // The same CloudTrail call as a second EventBridge event (a forwarder and a local rule both matched it).
        world.Queue.Send(FeedEvents.ApiCall(record.DeepClone().AsObject(), Region));

        await world.DrainedAsync();
        await Task.Delay(300);

        Assert.Single(world.Summaries());
        Assert.Empty(world.Updates());
        Assert.Equal(3, world.Queue.CountOf("DeleteMessage"));
        Assert.Contains(world.App.Logs.Lines, m => m.Contains("duplicate by its feed ID", StringComparison.Ordinal));
        Assert.Contains(world.App.Logs.Lines, m => m.Contains("duplicate by its trail ID", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_bodies_are_logged_briefly_left_for_the_dead_letter_queue_and_never_stop_the_consumer()
    {
        const string secretish = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(), queue: q =>
        {
            q.VisibilityTimeout = TimeSpan.FromMilliseconds(300);
            q.MaxReceiveCount = 2;
        });
        string[] bad = ["not json at all", "{\"id\":\"x\"}", "{\"version\":\"0\",\"id\":\"e1\",\"detail-type\":\"AWS API Call via Cloud", $"token {secretish} in a body", "[1,2,3]"];
        foreach (var body in bad)
        {
            world.Queue.Send(body);
        }

        world.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));

        await Eventually.TrueAsync(() => world.Summaries().Count == 1, "the good message's alert");
        await Eventually.TrueAsync(() => world.Queue.DeadLetters.Count == bad.Length, "the bad messages in the dead-letter queue");

        Assert.Equal(bad.Order(), world.Queue.DeadLetters.Order());
        Assert.Equal(1, world.Queue.CountOf("DeleteMessage"));
        var logged = world.App.Logs.Lines.Where(m => m.Contains("is malformed", StringComparison.Ordinal)).ToList();
        Assert.True(logged.Count >= bad.Length, $"{logged.Count} malformed log lines");
        Assert.Contains(logged, m => m.Contains("15 characters starting not json at all", StringComparison.Ordinal));
        Assert.DoesNotContain(world.App.Logs.Lines, m => m.Contains("pdFZKVeTuE8sk7oOcBrzbqgy", StringComparison.Ordinal)
            || m.Contains("19874698323", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_whose_alert_Slack_could_not_take_is_delivered_again_after_the_visibility_timeout()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(), queue: q => q.VisibilityTimeout = TimeSpan.FromMilliseconds(500));
        world.Slack.AnswerNextPostWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = false, error = "ratelimited" }));
        world.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));

        await world.DrainedAsync();

        // The refused post and then the real one: one alert in the channel.
        Assert.Equal(2, world.Summaries().Count);
        Assert.Equal(2, world.Slack.PostAttempts().Count(p => !p.RequestMessage.Body!.Contains("thread_ts", StringComparison.Ordinal)));
        Assert.Equal(1, world.Queue.CountOf("DeleteMessage"));
        Assert.True(world.Queue.CountOf("ReceiveMessage") >= 2);
    }

    [Fact]
    public async Task A_handled_message_that_comes_back_because_its_delete_was_lost_is_recognised()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(), queue: q =>
        {
            q.VisibilityTimeout = TimeSpan.FromMilliseconds(500);
            q.IgnoreDeletes = 1;
        });
        world.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));

        await world.DrainedAsync();

        Assert.Single(world.Summaries());
        Assert.Equal(2, world.Queue.CountOf("DeleteMessage"));
        Assert.Contains(world.App.Logs.Lines, m => m.Contains("duplicate by its feed ID", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("denied")]
    public async Task A_queue_that_is_missing_or_refused_shows_on_readyz_and_questions_are_still_answered(string fault)
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(),
            queue: q => q.Fault = fault == "missing" ? SqsFault.QueueMissing : SqsFault.AccessDenied);
        using var client = world.App.CreateClient();

        string report = "";
        await Eventually.TrueAsync(() =>
        {
            report = client.GetStringAsync(new Uri("/readyz", UriKind.Relative)).GetAwaiter().GetResult();
            return report.Contains("Degraded", StringComparison.Ordinal);
        }, "/readyz to report the queue");

        Assert.Contains(fault == "missing" ? "does not exist" : "refused access", report);
        using var ack = await world.App.SendAsync(SignedRequests.Command($"{Id} {Region}", world.Slack.ResponseUrl));
        Assert.True(ack.IsSuccessStatusCode);
        var answer = await world.Slack.WaitForAsync(1);
        Assert.Contains(Id, answer[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Shutdown_stops_polling_and_releases_messages_in_flight_at_once()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(ids: [Id, "i-0aaaabbbbcccc0002"]));
        var held = world.App.HoldAllPosts();
        // In one receive: the consumer handles a batch before it polls again, and the posts are held.
        world.Queue.Send(
            FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region),
            FeedEvents.ApiCall(Records.SsoConsoleStop("i-0aaaabbbbcccc0002", DateTimeOffset.UtcNow), Region));
        // Both received; at least one alert is held (the other may wait behind it, when both stops share a lock stripe).
        await Eventually.TrueAsync(() => world.Queue.InFlight == 2 && held.Waiting >= 1, "both messages to be in flight");

        await world.App.StopAsync();
        var stoppedAt = DateTimeOffset.UtcNow;

        var releases = world.Queue.Calls.Where(c => c.Operation == "ChangeMessageVisibility").ToList();
        Assert.Equal(2, releases.Count);
        Assert.All(releases, r => Assert.Equal(0, r.Body["VisibilityTimeout"]!.GetValue<int>()));
        Assert.Equal(0, world.Queue.CountOf("DeleteMessage"));
        Assert.DoesNotContain(world.Queue.Calls, c => c.Operation == "ReceiveMessage" && c.At > stoppedAt);
        // Visible again at once, for the next replica.
        Assert.Equal(2, world.Queue.Depth);
    }
}
