using ChatBot.SharedState;
using ChatBot.Slack;
using ChatBot.Slack.Work;
using ChatBot.Tests.SharedState.Support;
using ChatBot.Tests.Slack;
using ChatBot.Tests.Slack.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ChatBot.Tests.SharedState;

/// <summary>Acknowledged questions kept in Redis: a replica that dies leaves them to another, sealed.</summary>
public sealed class WorkJournalTests
{
    private const string Id = SampleFindings.Id;

    private static readonly SecretSeal Seal = new(new SlackOptions { SigningSecret = SignedRequests.Secret });

    [RedisFact]
    public async Task A_question_acknowledged_by_a_replica_that_died_is_answered_by_another()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var survivor = new SlackTestApp(new Dictionary<string, string?> { ["WHOSTOPPED_REDIS"] = configuration });
        _ = survivor.Services;

        // The replica that dies: it kept the question (a short lease, to keep the test short), then vanished unanswered.
        var dying = await RedisTestConnections.ConnectAsync(configuration);
        var journal = new RedisWorkJournal(dying, Seal, NullLogger<RedisWorkJournal>.Instance, TimeSpan.FromSeconds(1));
        journal.Keep(new QuestionJob("/whostopped", new AnswerTarget("C0CHANNEL", null, survivor.Slack.ResponseUrl), [Id], null, null, "U0ASKER"));
        await Eventually.TrueAsync(() => dying.Database!.SortedSetLength(RedisKeys.WorkLeases) == 1, "the kept question");
        await dying.DisposeAsync();

        var posts = await survivor.Slack.WaitForAsync(1, timeout: TimeSpan.FromSeconds(30));
        Assert.Equal("C0CHANNEL", posts[0].GetProperty("channel").GetString());
        Assert.Contains("alice@example.com", posts[0].GetProperty("text").GetString());
        Assert.Contains(survivor.Logs.Lines, l => l.Contains("Took over /whostopped", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => JobKeys(configuration).Count == 0, "the finished question to leave Redis");
    }

    [RedisFact]
    public async Task A_job_whose_owner_renews_its_lease_is_not_taken_over_and_one_past_its_lease_is_taken_once()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var first = await RedisTestConnections.ConnectAsync(configuration);
        await using var second = await RedisTestConnections.ConnectAsync(configuration);
        var owner = new RedisWorkJournal(first, Seal, NullLogger<RedisWorkJournal>.Instance, TimeSpan.FromMinutes(1));
        var other = new RedisWorkJournal(second, Seal, NullLogger<RedisWorkJournal>.Instance);
        var third = new RedisWorkJournal(second, Seal, NullLogger<RedisWorkJournal>.Instance);
        var job = owner.Keep(new DoctorJob("/whostopped", new AnswerTarget("C0CHANNEL", null, "https://hooks.slack.com/commands/T0/1/x")));
        await Eventually.TrueAsync(() => first.Database!.SortedSetLength(RedisKeys.WorkLeases) == 1, "the kept job");
        var leased = await first.Database!.SortedSetScoreAsync(RedisKeys.WorkLeases, job.Ticket);

        Assert.Empty((await other.TickAsync(10, default)).Taken);
        await Task.Delay(5);
        Assert.True((await owner.TickAsync(10, default)).Ok);
        Assert.True(await first.Database.SortedSetScoreAsync(RedisKeys.WorkLeases, job.Ticket) > leased, "the owner's tick renews its lease");

        // Handed back (as a replica with a full queue does): the next replica with room takes it, and only one does.
        await owner.ReleaseAsync(job, default);
        var taken = Assert.Single((await other.TickAsync(10, default)).Taken);
        Assert.Empty((await third.TickAsync(10, default)).Taken);
        Assert.Equal(job.Ticket, taken.Ticket);
        Assert.Equal(job.Target, taken.Target);

        await other.DoneAsync(taken, default);
        Assert.Empty(JobKeys(configuration));
    }

    [RedisFact]
    public async Task A_question_kept_while_it_runs_holds_its_response_url_sealed_never_in_clear()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using var app = new SlackTestApp(new Dictionary<string, string?> { ["WHOSTOPPED_REDIS"] = configuration });
        var held = app.HoldCloudTrail();
        (await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl))).Dispose();
        await Eventually.TrueAsync(() => held.Waiting > 0 && JobKeys(configuration).Count == 1, "the question to be running and kept");

        await RedisKeyScan.AssertCleanAsync(configuration, SignedRequests.Secret, "xoxb-test-token", "/respond/", "secret-hook-token", "T0TEAM");
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(configuration))
        {
            var key = JobKeys(configuration).Single();
            var ticket = key[RedisKeys.JobPrefix.Length..];
            var opened = Seal.Open(ticket, (string)(await redis.GetDatabase().HashGetAsync(key, "payload"))!);
            Assert.Contains(app.Slack.ResponseUrl, opened, StringComparison.Ordinal);
        }

        held.Release();
        await app.Slack.WaitForAsync(1);
        await Eventually.TrueAsync(() => JobKeys(configuration).Count == 0, "the answered question to leave Redis");
    }

    [Fact]
    public void A_sealed_job_opens_only_with_the_same_secret_under_its_own_ticket_and_unaltered()
    {
        var text = """{"responseUrl":"https://hooks.slack.com/commands/T0/1/secret"}""";
        var sealedText = Seal.Seal("ticket-1", text);

        Assert.DoesNotContain("hooks.slack.com", Convert.FromBase64String(sealedText).Select(b => (char)b).ToArray().AsSpan().ToString(), StringComparison.Ordinal);
        Assert.Equal(text, Seal.Open("ticket-1", sealedText));
        Assert.Null(Seal.Open("ticket-2", sealedText));
        Assert.Null(new SecretSeal(new SlackOptions { SigningSecret = "another-app-secret" }).Open("ticket-1", sealedText));
        var altered = Convert.FromBase64String(sealedText);
        altered[^1] ^= 1;
        Assert.Null(Seal.Open("ticket-1", Convert.ToBase64String(altered)));
        Assert.NotEqual(sealedText, Seal.Seal("ticket-1", text));

        // Socket Mode has no signing secret: the app token is the key's source, the same on every replica.
        var socket = new SlackOptions { AppToken = "xapp-1-A0-123-abc" };
        Assert.Equal(text, new SecretSeal(socket).Open("t", new SecretSeal(socket).Seal("t", text)));
    }

    private static List<string> JobKeys(string configuration)
    {
        using var redis = ConnectionMultiplexer.Connect(configuration);
        return [.. redis.GetServers().Single().Keys(redis.GetDatabase().Database, RedisKeys.JobPrefix + "*").Select(k => k.ToString())];
    }
}
