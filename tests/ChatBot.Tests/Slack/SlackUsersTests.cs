using ChatBot.Slack.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.ResponseBuilders;

namespace ChatBot.Tests.Slack;

/// <summary>users.lookupByEmail through the real Web API client, against WireMock playing Slack.</summary>
public sealed class SlackUsersTests : IAsyncLifetime
{
    private const string Jane = "jane.doe@example.com";
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly TestApp app;

    public SlackUsersTests() => app = Start();

    private SlackUsers Users => app.Services.GetRequiredService<SlackUsers>();

    [Fact]
    public async Task A_known_email_gives_the_Slack_user_and_is_remembered_for_an_hour()
    {
        app.Slack.KnowsUser(Jane, "U0JANE");

        Assert.Equal("U0JANE", await Users.UserIdAsync(Jane, default));
        Assert.Equal("U0JANE", await Users.UserIdAsync("Jane.Doe@Example.com", default));
        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal("U0JANE", await Users.UserIdAsync(Jane, default));

        Assert.Equal(2, await LookupsAsync(2));
        Assert.All(app.Slack.UserLookups(), body => Assert.Equal("email=jane.doe%40example.com", body));
        var request = app.Slack.Server.LogEntries.First(e => e.RequestMessage.Path == FakeSlack.LookupByEmailPath).RequestMessage;
        Assert.Equal("Bearer xoxb-test-token", request.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task An_email_Slack_does_not_know_is_remembered_as_unknown_for_ten_minutes()
    {
        app.Slack.KnowsUser(Jane, "U0JANE");

        Assert.Null(await Users.UserIdAsync("contractor@example.org", default));
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(await Users.UserIdAsync("contractor@example.org", default));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await Users.UserIdAsync("contractor@example.org", default));

        Assert.Equal(2, await LookupsAsync(2));
    }

    [Fact]
    public async Task A_missing_scope_leaves_the_email_says_how_to_fix_it_and_pauses_lookups()
    {
        app.Slack.AnswerUserLookupsWith(Response.Create().WithStatusCode(200)
            .WithBodyAsJson(new { ok = false, error = "missing_scope", needed = "users:read.email", provided = "chat:write,commands" }));

        Assert.Null(await Users.UserIdAsync(Jane, default));
        Assert.Null(await Users.UserIdAsync("someone.else@example.com", default));

        Assert.Equal(1, await LookupsAsync(1));
        Assert.Contains(app.Logs.Lines, l => l.Contains("users:read.email scopes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rate_limit_pauses_lookups_for_as_long_as_Slack_asks()
    {
        app.Slack.AnswerUserLookupsWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "30")
            .WithBodyAsJson(new { ok = false, error = "ratelimited" }));

        Assert.Null(await Users.UserIdAsync(Jane, default));
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await Users.UserIdAsync(Jane, default));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await Users.UserIdAsync(Jane, default));

        Assert.Equal(2, await LookupsAsync(2));
    }

    [Fact]
    public async Task Slack_failing_leaves_the_email_and_is_asked_again_next_time()
    {
        app.Slack.AnswerUserLookupsWith(Response.Create().WithStatusCode(503));

        Assert.Null(await Users.UserIdAsync(Jane, default));
        Assert.Null(await Users.UserIdAsync(Jane, default));
        Assert.Equal(2, await LookupsAsync(2));
    }

    [Fact]
    public async Task Mentions_switched_off_never_ask_Slack()
    {
        await using var off = Start(new Dictionary<string, string?> { ["WHOSTOPPED_MENTION_ACTORS"] = "false" });
        off.Slack.KnowsUser(Jane, "U0JANE");

        Assert.Null(await off.Services.GetRequiredService<SlackUsers>().UserIdAsync(Jane, default));
        Assert.Empty(off.Slack.UserLookups());
    }

    /// <summary>A first request through a cold client and WireMock can take seconds on a busy machine, longer than
    /// a lookup may wait; one lookup before each test keeps that out of what the test measures.</summary>
    public async Task InitializeAsync()
    {
        Assert.Null(await Users.UserIdAsync("warm.up@example.net", default));
        await LookupsAsync(1);
        app.Slack.Server.ResetLogEntries();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>WireMock records a request a moment after answering it: waits for <paramref name="atLeast"/>, then
    /// a little longer, so that a request that should not have been made would be counted too.</summary>
    private async Task<int> LookupsAsync(int atLeast)
    {
        await Eventually.TrueAsync(() => app.Slack.UserLookups().Count >= atLeast, $"{atLeast} users.lookupByEmail call(s)");
        await Task.Delay(200);
        return app.Slack.UserLookups().Count;
    }

    private TestApp Start(IDictionary<string, string?>? settings = null) =>
        new(settings, edges: services => services.AddSingleton<TimeProvider>(clock));
}
