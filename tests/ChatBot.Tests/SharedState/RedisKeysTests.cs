using ChatBot.Tests.SharedState.Support;
using ChatBot.Tests.Slack;
using ChatBot.Tests.Slack.Support;

namespace ChatBot.Tests.SharedState;

public class RedisKeysTests
{
    private const string Id = SampleFindings.Id;

    [RedisFact]
    public async Task Every_key_is_prefixed_expires_and_holds_no_secret_or_response_url()
    {
        var configuration = RedisServer.SharedConfiguration();
        await using (var replicas = new Replicas(configuration, SlackTestApp.StoppedFromConsole(Id)))
        {
            (await replicas.A.SendAsync(SignedRequests.Command(Id, replicas.A.Slack.ResponseUrl))).Dispose();
            (await replicas.B.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> who stopped {Id}?", "1.1"), "EvKeys01"))).Dispose();
            await Eventually.TrueAsync(() => replicas.A.Slack.Bodies().Count >= 2 && replicas.RepliesTo("1.1") == 2, "both answers");
        }

        await RedisKeyScan.AssertCleanAsync(configuration, SignedRequests.Secret, "xoxb-test-token", "/respond/", "secret-hook-token");
    }

    [RedisFact]
    public async Task The_Redis_password_never_reaches_a_log_or_the_readiness_report()
    {
        const string password = "hunter2-redis-password";
        var configuration = RedisServer.SharedConfiguration() + $",password={password}";
        await using var replicas = new Replicas(configuration, SlackTestApp.StoppedFromConsole(Id));
        (await replicas.A.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> who stopped {Id}?", "1.1"), "EvKeys02"))).Dispose();
        await Eventually.TrueAsync(() => replicas.RepliesTo("1.1") == 2, "the answer");

        using var client = replicas.A.CreateClient();
        Assert.DoesNotContain(password, await client.GetStringAsync("/readyz"), StringComparison.Ordinal);
        Assert.DoesNotContain(replicas.A.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.Contains(replicas.A.Logs.Lines, l => l.Contains("Redis at 127.0.0.1", StringComparison.Ordinal));
    }
}
