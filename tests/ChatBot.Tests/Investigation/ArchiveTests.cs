using System.Globalization;
using System.Text.Json;
using ChatBot.Cli;
using ChatBot.Investigation;
using ChatBot.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Tests.Investigation;

/// <summary>Stops older than CloudTrail's 90 days, found in the trail's S3 logs through Athena played by WireMock.</summary>
public sealed class ArchiveTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly DateTimeOffset StoppedAt = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-200).AddHours(10);
    private readonly AwsStub aws = new();
    private readonly AthenaStub athena;
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public ArchiveTests() => athena = new AthenaStub(aws.Server);

    public void Dispose()
    {
        aws.Dispose();
        stdout.Dispose();
        stderr.Dispose();
    }

    private static Instance StoppedLongAgo => new(Id) { Transition = $"User initiated ({StoppedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} GMT)" };

    [Fact]
    public async Task A_stop_older_than_event_history_is_found_in_the_archive_and_says_so()
    {
        aws.Instances("us-east-1", StoppedLongAgo).Events("us-east-1", Id);
        athena.Query(polls: 2, records: [Records.IamUserCliStop(Id, StoppedAt.AddSeconds(-20), "bob")]);

        var finding = await Ask();

        Assert.Equal("bob", finding.Stop?.Actor?.DisplayName);
        Assert.Equal(StopCause.Api, finding.Cause);
        Assert.Equal(StopSource.Archive, finding.Source);
        Assert.Equal(2_516_582, finding.ArchiveScannedBytes);
        Assert.Contains("found in the CloudTrail archive (the Athena query scanned 2.4 MB)", finding.Explanation);
        Assert.Null(finding.Error);
        Assert.Equal(3, athena.Calls("GetQueryExecution").Count);
    }

    [Fact]
    public async Task The_query_reads_only_the_instances_account_and_region_within_a_day_of_EC2s_stop_time()
    {
        aws.Instances("us-east-1", StoppedLongAgo).Events("us-east-1", Id);
        athena.Query(records: [Records.IamUserCliStop(Id, StoppedAt, "bob")]);

        await Ask();

        var sql = athena.StartedSql();
        Assert.Contains($"FROM cloudtrail.org_trail", sql);
        Assert.Contains($"account = '{Records.Account}' AND region = 'us-east-1'", sql);
        Assert.Contains($"\"date\" BETWEEN '{Day(StoppedAt.AddDays(-1))}' AND '{Day(StoppedAt.AddDays(1))}'", sql);
        Assert.Contains($"strpos(requestparameters, '{Id}') > 0", sql);
        var start = JsonDocument.Parse(athena.Calls("StartQueryExecution").Single().RequestMessage.Body!).RootElement;
        Assert.Equal("whostopped", start.GetProperty("WorkGroup").GetString());
        Assert.Equal("cloudtrail", start.GetProperty("QueryExecutionContext").GetProperty("Database").GetString());
        Assert.Equal("s3://whostopped-athena-results/queries/", start.GetProperty("ResultConfiguration").GetProperty("OutputLocation").GetString());
    }

    [Fact]
    public async Task A_failed_query_is_said_with_athenas_reason()
    {
        aws.Instances("us-east-1", StoppedLongAgo).Events("us-east-1", Id);
        athena.Query(state: "FAILED", reason: "TABLE_NOT_FOUND: Table awsdatacatalog.cloudtrail.org_trail does not exist");

        var finding = await Ask();

        Assert.Null(finding.Stop?.Actor);
        Assert.Equal("The CloudTrail archive could not be searched: the Athena query failed: TABLE_NOT_FOUND: Table awsdatacatalog.cloudtrail.org_trail does not exist.", finding.Error);
        Assert.Contains(finding.Error!, finding.Explanation);
    }

    [Fact]
    public async Task A_query_that_outlasts_the_questions_timeout_is_abandoned_and_said()
    {
        aws.Instances("us-east-1", StoppedLongAgo).Events("us-east-1", Id);
        athena.Endless();

        var finding = await Ask(new() { ["WHOSTOPPED_TIMEOUT_SECONDS"] = "2" });

        Assert.Equal("The CloudTrail archive could not be searched: the Athena query did not finish within 2 s.", finding.Error);
        Assert.True(athena.Calls("GetQueryExecution").Count >= 2);
    }

    [Fact]
    public async Task No_stop_in_the_archive_either_keeps_ec2s_explanation_and_the_scan_size()
    {
        aws.Instances("us-east-1", StoppedLongAgo).Events("us-east-1", Id);
        athena.Query(scannedBytes: 900);

        var finding = await Ask();

        Assert.Null(finding.Stop?.Actor);
        Assert.Equal(900, finding.ArchiveScannedBytes);
        Assert.EndsWith("The CloudTrail archive has no stop around then either (the Athena query scanned 900 bytes).", finding.Explanation);
    }

    [Fact]
    public async Task A_stop_within_event_history_never_asks_athena_and_is_marked_as_event_history()
    {
        var recent = DateTimeOffset.UtcNow.AddHours(-3);
        aws.Instances("us-east-1", new Instance(Id) { Transition = $"User initiated ({recent.UtcDateTime:yyyy-MM-dd HH:mm:ss} GMT)" })
            .Events("us-east-1", Id, Records.IamUserCliStop(Id, recent.AddSeconds(-5), "bob"));
        athena.Query();

        var finding = await Ask();

        Assert.Equal(StopSource.EventHistory, finding.Source);
        Assert.Null(finding.ArchiveScannedBytes);
        Assert.Empty(athena.Calls("StartQueryExecution"));
    }

    [Fact]
    public async Task Without_a_table_configured_the_archive_is_never_asked()
    {
        aws.Instances("us-east-1", StoppedLongAgo).Events("us-east-1", Id);
        athena.Query(records: [Records.IamUserCliStop(Id, StoppedAt, "bob")]);

        using var engine = new EngineHost(aws);
        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Null(finding.Stop?.Actor);
        Assert.Empty(athena.Calls("StartQueryExecution"));
    }

    [Theory]
    [InlineData("i-0123456789abcdef0' OR '1'='1")]
    [InlineData("i-0123456789abcdef0') --")]
    [InlineData("I-0123456789ABCDEF0")]
    public async Task An_injection_attempt_in_the_instance_id_is_refused_before_any_call(string hostile)
    {
        using var engine = new EngineHost(aws, AthenaStub.Settings);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            engine.Get<ArchiveSearch>().SearchAsync(ChatBot.Aws.AwsAccount.Default, "us-east-1", hostile, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 3), CancellationToken.None));
        Assert.Throws<ArgumentException>(() => ArchiveSql.For("cloudtrail.org_trail", Records.Account, "us-east-1", hostile, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 3)));
        Assert.Empty(aws.Server.LogEntries);
    }

    [Fact]
    public async Task An_account_with_a_known_id_is_queried_by_that_id_without_asking_sts()
    {
        athena.Query();
        using var engine = new EngineHost(aws, AthenaStub.Settings);

        await engine.Get<ArchiveSearch>().SearchAsync(new ChatBot.Aws.AwsAccount("prod") { Id = "444455556666" }, "eu-west-1", Id,
            new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 3), CancellationToken.None);

        Assert.Contains("account = '444455556666' AND region = 'eu-west-1'", athena.StartedSql());
        Assert.DoesNotContain(aws.Server.LogEntries, e => e.RequestMessage.Body?.Contains("GetCallerIdentity", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Cli_json_gives_the_source_of_the_stop_and_what_athena_scanned()
    {
        aws.Instances("us-east-1", StoppedLongAgo).Events("us-east-1", Id);
        athena.Query(records: [Records.IamUserCliStop(Id, StoppedAt, "bob")]);

        var exit = await Cli(Id, "--region", "us-east-1", "--json");

        Assert.Equal(0, exit);
        var item = JsonDocument.Parse(stdout.ToString()).RootElement[0];
        Assert.Equal("archive", item.GetProperty("source").GetString());
        Assert.Equal(2_516_582, item.GetProperty("archiveScannedBytes").GetInt64());
    }

    [Fact]
    public async Task Cli_since_beyond_90_days_asks_the_archive_over_the_days_event_history_does_not_hold()
    {
        aws.Instances("us-east-1", new Instance(Id, "running") { ReasonCode = null, Transition = null }).Events("us-east-1", Id);
        athena.Query(records: [Records.IamUserCliStop(Id, DateTimeOffset.UtcNow.AddDays(-300), "carol")]);

        var exit = await Cli(Id, "--region", "us-east-1", "--since", "400d");

        Assert.Equal(0, exit);
        var today = DateTimeOffset.UtcNow;
        Assert.Contains($"\"date\" BETWEEN '{Day(today.AddDays(-400))}' AND '{Day(today.AddDays(-89))}'", athena.StartedSql());
        Assert.Contains("Running again. Last stopped by carol at", stdout.ToString());
    }

    [Theory]
    [InlineData("12h")]
    [InlineData("-5d")]
    [InlineData("d")]
    public async Task Cli_since_takes_only_whole_days(string since)
    {
        var exit = await Cli(Id, "--since", since);

        Assert.Equal(2, exit);
        Assert.Contains("--since needs a number of days", stderr.ToString());
        Assert.Empty(aws.Server.LogEntries);
    }

    private Task<int> Cli(params string[] args) => CliExtensions.RunAsync(args, stdout, stderr, b =>
    {
        b.Configuration.AddInMemoryCollection(aws.Configuration);
        b.Configuration.AddInMemoryCollection(AthenaStub.Settings);
    });

    private async Task<Finding> Ask(Dictionary<string, string?>? extra = null)
    {
        using var engine = new EngineHost(aws, new Dictionary<string, string?>(AthenaStub.Settings.Concat(extra ?? [])));
        return await engine.AskAsync(Id, "us-east-1");
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture);
}
