using WireMock.ResponseBuilders;

namespace ChatBot.Tests.Slack;

/// <summary>The person behind a stop pulled into the conversation: their Slack mention beside the email CloudTrail
/// gave, built only from a user ID Slack returned.</summary>
public sealed class MentionTests
{
    private const string Id = SampleFindings.Id;

    [Fact]
    public async Task A_stopper_Slack_knows_is_mentioned_beside_their_email()
    {
        await using var app = new TestApp();
        app.Slack.KnowsUser("alice@example.com", "U0ALICE42");

        var summary = await SummaryAsync(app);

        Assert.Contains("*alice@example.com* (<@U0ALICE42>) stopped", summary);
        Assert.Equal(["email=alice%40example.com"], app.Slack.UserLookups());
    }

    [Fact]
    public async Task A_stopper_Slack_does_not_know_is_named_by_email_alone()
    {
        await using var app = new TestApp();
        app.Slack.KnowsUser("someone.else@example.com", "U0SOMEONE");

        var summary = await SummaryAsync(app);

        Assert.Contains("*alice@example.com* stopped", summary);
        Assert.DoesNotContain("<@", summary);
    }

    [Fact]
    public async Task A_missing_scope_leaves_the_email_and_the_answer_goes_out()
    {
        await using var app = new TestApp();
        app.Slack.AnswerUserLookupsWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = false, error = "missing_scope", needed = "users:read.email" }));

        var summary = await SummaryAsync(app);

        Assert.Contains("*alice@example.com* stopped", summary);
        Assert.DoesNotContain("<@", summary);
    }

    [Fact]
    public async Task Mentions_switched_off_name_the_email_and_never_look_it_up()
    {
        await using var app = new TestApp(new Dictionary<string, string?> { ["WHOSTOPPED_MENTION_ACTORS"] = "false" });
        app.Slack.KnowsUser("alice@example.com", "U0ALICE42");

        var summary = await SummaryAsync(app);

        Assert.Contains("*alice@example.com* stopped", summary);
        Assert.Empty(app.Slack.UserLookups());
    }

    [Theory]
    [InlineData("<!channel>@example.com")]
    [InlineData("alice@example.com<@U0EVIL>")]
    [InlineData("<@U0EVIL|alice@example.com>")]
    [InlineData("alice@example.com <!here>")]
    public async Task Markup_in_a_CloudTrail_session_name_is_shown_as_text_and_never_looked_up(string session)
    {
        using var aws = new AwsStub().Instances(TestApp.Region, new Instance(Id) { Zone = TestApp.Region + "a" })
            .Events(TestApp.Region, Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1), session));
        await using var app = new TestApp(aws: aws);
        app.Slack.KnowsUser("alice@example.com", "U0ALICE42");

        var summary = await SummaryAsync(app);

        Assert.DoesNotContain("<@", summary);
        Assert.DoesNotContain("<!", summary.Replace("<!date^", "", StringComparison.Ordinal));
        Assert.Contains("&lt;", summary);
        Assert.Empty(app.Slack.UserLookups());
    }

    [Theory]
    [InlineData("U0ALICE42> <!channel")]
    [InlineData("<!everyone>")]
    [InlineData("u0lowercase")]
    public async Task A_user_id_Slack_returns_that_is_not_shaped_like_one_is_not_used(string userId)
    {
        await using var app = new TestApp();
        app.Slack.KnowsUser("alice@example.com", userId);

        var summary = await SummaryAsync(app);

        Assert.Contains("*alice@example.com* stopped", summary);
        Assert.DoesNotContain("<@", summary);
        Assert.DoesNotContain("<!ch", summary);
        Assert.DoesNotContain("<!ev", summary);
    }

    /// <summary>Asks about <see cref="Id"/> with a slash command and returns the summary's mrkdwn.</summary>
    private static async Task<string> SummaryAsync(TestApp app)
    {
        (await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl))).Dispose();
        var summary = (await app.Slack.WaitForAsync(1))[0];
        return summary.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;
    }
}
