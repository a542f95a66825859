using ChatBot.Aws;
using ChatBot.Investigation;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Feed;

/// <summary>A stop seen on the feed answers at once, and the same stop found later by LookupEvents is one stop.</summary>
public sealed class RecentEventsAnswerTests
{
    private const string Id = FeedWorld.Id;
    private const string Region = FeedWorld.Region;

    [Fact]
    public async Task A_stop_seen_on_the_feed_answers_whostopped_before_LookupEvents_has_it()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(), new Dictionary<string, string?> { ["WHOSTOPPED_ALERT_CHANNEL"] = null });
        world.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));
        await world.DrainedAsync();

        using var ack = await world.App.SendAsync(SignedRequests.Command($"{Id} {Region}", world.Slack.ResponseUrl));
        var answer = (await world.Slack.WaitForAsync(1))[0];

        Assert.Contains("alice@example.com", answer.GetProperty("text").GetString());
        Assert.Single(world.App.Aws.LookupCalls(Region));
    }

    [Fact]
    public async Task When_LookupEvents_returns_the_feed_s_event_it_is_one_stop()
    {
        var record = Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddMinutes(-1));
        var aws = new AwsStub().Instances(Region, new Instance(Id) { Zone = Region + "a", Transition = null });
        aws.Events(Region, Id, record);
        await using var world = await FeedWorld.StartAsync(aws, new Dictionary<string, string?> { ["WHOSTOPPED_ALERT_CHANNEL"] = null });
        world.Queue.Send(FeedEvents.ApiCall(record.DeepClone().AsObject(), Region));
        await world.DrainedAsync();

        var finding = Assert.Single(await world.App.Services.GetRequiredService<IInvestigator>()
            .InvestigateAsync(new Question(AwsAccount.Default, [Id], Region), CancellationToken.None));

        var eventId = record["eventID"]!.GetValue<string>();
        Assert.Equal(eventId, finding.Stop?.EventId);
        Assert.Equal(eventId, Assert.Single(finding.History).EventId);
        Assert.Equal(StopSource.EventHistory, finding.Source);
    }

    [Fact]
    public async Task A_stop_known_only_from_the_feed_says_so_in_the_finding_and_the_CLI_json()
    {
        await using var world = await FeedWorld.StartAsync(FeedWorld.FreshStop(), new Dictionary<string, string?> { ["WHOSTOPPED_ALERT_CHANNEL"] = null });
        world.Queue.Send(FeedEvents.ApiCall(Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow), Region));
        await world.DrainedAsync();

        var finding = Assert.Single(await world.App.Services.GetRequiredService<IInvestigator>()
            .InvestigateAsync(new Question(AwsAccount.Default, [Id], Region), CancellationToken.None));

        Assert.Equal(StopSource.Feed, finding.Source);
        Assert.Contains("\"source\": \"feed\"", ChatBot.Cli.FindingJson.Serialize([finding]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("210987654321", "prod")]
    [InlineData("999988887777", "999988887777")]
    public void A_feed_event_s_account_is_the_configured_one_or_labelled_by_its_ID(string accountId, string name)
    {
        var accounts = new ChatBot.Feed.DirectoryFeedAccounts(new ChatBot.Aws.Accounts.AccountDirectory(
            [new AwsAccount("prod") { Id = "210987654321", Alias = "prod" }, new AwsAccount("staging") { Id = "444455556666", Alias = "staging" }]));

        var account = accounts.Resolve(accountId);
        Assert.Equal(name, account.Name);
        Assert.Equal(accountId, account.Id);
        Assert.Equal(AwsAccount.Default, new ChatBot.Feed.DirectoryFeedAccounts(new ChatBot.Aws.Accounts.AccountDirectory([])).Resolve(accountId));
    }
}
