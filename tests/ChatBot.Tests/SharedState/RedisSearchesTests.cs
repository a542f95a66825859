using ChatBot.Aws.CloudTrail;
using ChatBot.Investigation;
using ChatBot.SharedState;
using ChatBot.Tests.Slack;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Tests.SharedState;

/// <summary>Two replicas asked about one instance at once search CloudTrail once; the survivor takes over a search
/// whose replica died.</summary>
public class RedisSearchesTests
{
    private const string Id = SampleFindings.Id;
    private const string Key = "default/eu-west-1/" + Id;

    [RedisFact]
    public async Task A_second_replica_waits_for_the_first_replicas_search_and_takes_its_result()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var first = await RedisTestConnections.ConnectAsync(configuration);
        await using var second = await RedisTestConnections.ConnectAsync(configuration);
        var release = new TaskCompletionSource();
        var firstSearch = new RedisSearches(first, NullLogger<RedisSearches>.Instance).RunAsync(Key, async _ =>
        {
            await release.Task;
            return StoppedByAlice();
        }, CancellationToken.None);
        await LeaseTakenAsync(first);

        var secondSearched = false;
        var waiting = new RedisSearches(second, NullLogger<RedisSearches>.Instance).RunAsync(Key, _ =>
        {
            secondSearched = true;
            return Task.FromResult(EventTrail.Empty);
        }, CancellationToken.None);
        release.SetResult();

        var trail = await waiting;
        Assert.False(secondSearched);
        Assert.Equal((await firstSearch).LastStop!.Event.EventId, trail.LastStop!.Event.EventId);
        Assert.Equal("alice@example.com", ActorName.From(trail.LastStop.Record).DisplayName);
    }

    [RedisFact]
    public async Task The_search_of_a_replica_that_died_is_taken_over_when_its_lease_lapses()
    {
        var configuration = RedisServer.SharedConfiguration();
        var dying = await RedisTestConnections.ConnectAsync(configuration);
        await using var survivor = await RedisTestConnections.ConnectAsync(configuration);
        var never = new TaskCompletionSource<EventTrail>();
        _ = new RedisSearches(dying, NullLogger<RedisSearches>.Instance).RunAsync(Key, _ => never.Task, CancellationToken.None);
        await LeaseTakenAsync(dying);

        // Its connection gone, the replica can neither renew its lease nor hand it back: as if the process had died.
        await dying.DisposeAsync();
        var trail = await new RedisSearches(survivor, NullLogger<RedisSearches>.Instance)
            .RunAsync(Key, _ => Task.FromResult(StoppedByAlice()), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.NotNull(trail.LastStop);
    }

    [RedisFact]
    public async Task Two_app_replicas_asked_about_one_instance_at_once_make_one_LookupEvents()
    {
        var aws = new AwsStub { CloudTrailLatency = TimeSpan.FromMilliseconds(800) }
            .Instances(TestApp.Region, new Instance(Id) { Zone = TestApp.Region + "a" })
            .Events(TestApp.Region, Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1)));
        await using var replicas = new Replicas(RedisServer.SharedConfiguration(), aws);

        (await replicas.A.SendAsync(SignedRequests.Command(Id, replicas.A.Slack.ResponseUrl))).Dispose();
        await Eventually.TrueAsync(() => aws.LookupCalls().Count == 1, "the first replica's search");
        (await replicas.B.SendAsync(SignedRequests.Command(Id, replicas.B.Slack.ResponseUrl))).Dispose();

        var answers = await Task.WhenAll(replicas.A.Slack.WaitForAsync(2), replicas.B.Slack.WaitForAsync(2));
        Assert.All(answers, posts => Assert.Contains("alice@example.com", posts[0].GetProperty("text").GetString()));
        Assert.Single(aws.LookupCalls());
    }

    private static EventTrail StoppedByAlice()
    {
        var record = Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1));
        var trailEvent = new TrailEvent((string)record["eventID"]!, "StopInstances", DateTimeOffset.UtcNow.AddHours(-1), record.ToJsonString());
        var entry = new TrailEntry(trailEvent, TrailRecord.Parse(trailEvent.Record)!);
        return new EventTrail(entry, [entry], []);
    }

    private static Task LeaseTakenAsync(RedisConnection redis) =>
        Eventually.TrueAsync(() => redis.Database!.KeyExists(RedisKeys.Search(Key).Lease), "the first replica's lease");
}
