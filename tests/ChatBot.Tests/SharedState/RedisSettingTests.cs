using ChatBot.SharedState;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Work;
using ChatBot.Tests.SharedState.Support;
using ChatBot.Tests.Slack.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.SharedState;

public class RedisSettingTests
{
    [Fact]
    public async Task Without_WHOSTOPPED_REDIS_each_replica_keeps_its_own_memory()
    {
        await using var app = new SlackTestApp();
        Assert.IsType<InMemorySeenEvents>(app.Services.GetRequiredService<ISeenEvents>());
        Assert.IsType<NoWorkJournal>(app.Services.GetRequiredService<IWorkJournal>());
        Assert.Null(app.Services.GetService<RedisConnection>());
    }

    [RedisFact]
    public async Task With_WHOSTOPPED_REDIS_seen_events_are_shared_through_Redis()
    {
        await using var app = new SlackTestApp(new Dictionary<string, string?> { ["WHOSTOPPED_REDIS"] = RedisServer.SharedConfiguration() });
        Assert.IsType<RedisSeenEvents>(app.Services.GetRequiredService<ISeenEvents>());
        Assert.IsType<RedisWorkJournal>(app.Services.GetRequiredService<IWorkJournal>());
    }

    [Theory]
    [InlineData("localhost:6379,password=s3cret-value,notAnOption=1")]
    [InlineData(",,,")]
    public async Task An_unreadable_WHOSTOPPED_REDIS_fails_the_start_naming_it_without_repeating_it(string value)
    {
        await using var app = new SlackTestApp(new Dictionary<string, string?> { ["WHOSTOPPED_REDIS"] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains(RedisOptions.Variable, failure.Message);
        Assert.DoesNotContain("s3cret-value", failure.Message);
    }
}
