
namespace ChatBot.Tests.Slack;

/// <summary>Questions that name an account, through the whole bot: Slack in, STS and AWS against WireMock, Slack out.</summary>
public sealed class AccountQuestionTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private const string ProdRole = "arn:aws:iam::210987654321:role/whostopped-read";
    private const string StagingRole = "arn:aws:iam::444455556666:role/whostopped-read";
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddHours(-2);
    private static readonly Dictionary<string, string?> Accounts = new() { ["WHOSTOPPED_ACCOUNTS"] = "prod=210987654321,staging=444455556666" };
    private readonly AwsStub aws = new();

    public AccountQuestionTests()
    {
        aws.CallerIdentity(Records.Account)
            .Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-token", DateTimeOffset.UtcNow.AddHours(1)))
            .Role(StagingRole, ("ASIASTAGINGEXAMPLE", "staging-token", DateTimeOffset.UtcNow.AddHours(1)))
            .Instances(TestApp.Region, new Instance(Id)).Events(TestApp.Region, Id, Records.SsoConsoleStop(Id, Recently));
    }

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task An_alias_in_a_mention_asks_only_that_account_and_the_summary_names_it()
    {
        await using var app = new TestApp(Accounts, aws: aws);

        using var response = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> who stopped {Id} in staging?", "1700000000.000100"), "Ev01"));
        var summary = (await app.Slack.WaitForAsync(1, timeout: TimeSpan.FromSeconds(30)))[0];

        Assert.Contains("*Account*\\nstaging (444455556666)", summary.GetRawText());
        Assert.All(aws.Ec2Calls("DescribeInstances"), c => Assert.Equal("staging-token", AwsStub.Header(c, "X-Amz-Security-Token")));
        Assert.Single(aws.StsCalls("AssumeRole"), c => StsStub.Field(c, "RoleArn") == StagingRole);
        Assert.Contains(app.Logs.Lines, l => l.Contains("from Slack user U0ALICE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_account_in_the_command_asks_only_that_account()
    {
        await using var app = new TestApp(Accounts, aws: aws);

        using var response = await app.SendAsync(SignedRequests.Command($"{Id} {TestApp.Region} 210987654321", app.Slack.ResponseUrl));
        var summary = (await app.Slack.WaitForAsync(1, timeout: TimeSpan.FromSeconds(30)))[0];

        Assert.Contains("Looking up", await response.Content.ReadAsStringAsync());
        Assert.Contains("prod (210987654321)", summary.GetRawText());
        Assert.All(aws.Ec2Calls("DescribeInstances"), c => Assert.Equal("prod-token", AwsStub.Header(c, "X-Amz-Security-Token")));
    }

    [Theory]
    [InlineData(Id + " prdo")]
    [InlineData(Id + " account=999988887777")]
    public async Task An_unknown_account_in_the_command_gets_an_ephemeral_error_listing_the_known_ones(string text)
    {
        await using var app = new TestApp(Accounts, aws: aws);

        using var response = await app.SendAsync(SignedRequests.Command(text, app.Slack.ResponseUrl));
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("ephemeral", body.GetProperty("response_type").GetString());
        Assert.Contains("I don't know the account", body.GetProperty("text").GetString());
        Assert.Contains("Known accounts: `prod`, `staging`", body.GetProperty("text").GetString());
        Assert.Empty(aws.Ec2Calls("DescribeInstances"));
        Assert.Empty(app.Slack.Bodies());
    }

    [Fact]
    public async Task Without_accounts_configured_a_word_in_the_command_is_still_not_an_instance_ID()
    {
        await using var app = new TestApp(aws: aws);

        using var response = await app.SendAsync(SignedRequests.Command($"{Id} prod", app.Slack.ResponseUrl));

        Assert.Contains("not an instance ID", await response.Content.ReadAsStringAsync());
    }
}
