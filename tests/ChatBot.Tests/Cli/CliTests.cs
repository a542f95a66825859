using System.Text.Json;
using ChatBot.Cli;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly DateTimeOffset At = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(-14);
    private readonly AwsStub aws = new();
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose()
    {
        aws.Dispose();
        stdout.Dispose();
        stderr.Dispose();
    }

    private Task<int> Run(params string[] args) =>
        CliExtensions.RunAsync(args, stdout, stderr, b => b.Configuration.AddInMemoryCollection(aws.Configuration));

    [Fact]
    public async Task Prints_who_stopped_it_as_readable_text()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, At));

        var exit = await Run(Id, "--region", "us-east-1");

        Assert.Equal(0, exit);
        var text = stdout.ToString();
        Assert.Contains("i-0123456789abcdef0 (web-1) in us-east-1, stopped", text);
        Assert.Contains("by:       alice@example.com (IAM Identity Center, permission set AdministratorAccess)", text);
        Assert.Contains("how:      Console, StopInstances from 203.0.113.10, MFA yes", text);
        Assert.Contains("https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/", text);
    }

    [Fact]
    public async Task Json_output_has_one_object_per_instance_with_the_documented_fields()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.IamUserCliStop(Id, At, "bob"));

        var exit = await Run(Id, "--region=us-east-1", "--json");

        Assert.Equal(0, exit);
        var item = Assert.Single(JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray());
        string[] fields = ["instanceId", "region", "found", "state", "stateReasonCode", "instanceName", "tags", "cause", "stoppedBy",
            "eventId", "eventName", "eventTime", "sourceIp", "userAgent", "links", "history", "error"];
        Assert.All(fields, f => Assert.True(item.TryGetProperty(f, out _), f));
        Assert.Equal("api", item.GetProperty("cause").GetString());
        Assert.Equal("bob", item.GetProperty("stoppedBy").GetProperty("displayName").GetString());
        Assert.Equal("iam-user", item.GetProperty("stoppedBy").GetProperty("type").GetString());
        Assert.Equal(At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), item.GetProperty("eventTime").GetString());
        Assert.Equal("payments", item.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Os_shutdown_has_null_stopped_by_in_json()
    {
        aws.Instances("us-east-1", new Instance(Id) { ReasonCode = "Client.InstanceInitiatedShutdown" }).Events("us-east-1", Id);

        await Run(Id, "--region", "us-east-1", "--json");

        var item = JsonDocument.Parse(stdout.ToString()).RootElement[0];
        Assert.Equal("os-shutdown", item.GetProperty("cause").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("stoppedBy").ValueKind);
    }

    [Theory]
    [InlineData("whatever")]
    [InlineData("i-12345")]
    [InlineData("i-0123456789abcdef0", "--bogus")]
    [InlineData("i-0123456789abcdef0", "--region")]
    [InlineData("i-0123456789abcdef0", "--region", "not a region")]
    [InlineData]
    public async Task Usage_errors_exit_2_before_any_aws_call(params string[] args)
    {
        var exit = await Run(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", stderr.ToString());
        Assert.Contains("Usage: whostopped", stderr.ToString());
        Assert.Empty(aws.Server.LogEntries);
    }

    [Fact]
    public async Task Unanswerable_instances_exit_1_with_the_reason()
    {
        aws.Instances("us-east-1", new Instance(Id)).CloudTrailFails("us-east-1", Id, 400, "AccessDeniedException", "not authorized");

        var exit = await Run(Id, "--region", "us-east-1");

        Assert.Equal(1, exit);
        Assert.Contains("needs the `cloudtrail:LookupEvents` permission", stdout.ToString());
    }

    [Fact]
    public async Task Help_prints_usage_and_succeeds()
    {
        Assert.Equal(0, await Run("--help"));
        Assert.Contains("--json", stdout.ToString());
    }

    [Fact]
    public async Task Sandbox_flag_answers_from_the_sample_account_without_aws()
    {
        var exit = await Run("i-0da88f3e7eb2ce37e", "--sandbox", "--json");

        Assert.Equal(0, exit);
        var item = JsonDocument.Parse(stdout.ToString()).RootElement[0];
        Assert.Equal("jane.doe@example.com", item.GetProperty("stoppedBy").GetProperty("displayName").GetString());
        Assert.Empty(aws.Server.LogEntries);
    }

    [Fact]
    public async Task Account_narrows_the_search_to_that_account_and_json_names_it()
    {
        aws.CallerIdentity(Records.Account).Role("arn:aws:iam::210987654321:role/whostopped-read", ("ASIAPRODEXAMPLE", "prod-token", DateTimeOffset.UtcNow.AddHours(1)))
            .Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.IamUserCliStop(Id, At, "bob"));

        var exit = await CliExtensions.RunAsync([Id, "--region", "us-east-1", "--account", "prod", "--json"], stdout, stderr, b => b.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>(aws.Configuration) { ["WHOSTOPPED_ACCOUNTS"] = "prod=210987654321,staging=444455556666" }));

        Assert.Equal(0, exit);
        var account = Assert.Single(JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray()).GetProperty("account");
        Assert.Equal(("210987654321", "prod"), (account.GetProperty("id").GetString(), account.GetProperty("alias").GetString()));
        Assert.All(aws.Ec2Calls("DescribeInstances"), c => Assert.Equal("prod-token", AwsStub.Header(c, "X-Amz-Security-Token")));
    }

    [Fact]
    public async Task An_unknown_account_is_a_usage_error_listing_the_known_ones()
    {
        var exit = await CliExtensions.RunAsync([Id, "--account=dev"], stdout, stderr, b => b.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>(aws.Configuration) { ["WHOSTOPPED_ACCOUNTS"] = "prod=210987654321,staging=444455556666" }));

        Assert.Equal(2, exit);
        Assert.Contains("'dev' is not a known account; known accounts: prod, staging", stderr.ToString());
        Assert.Empty(aws.Server.LogEntries);
    }
}
