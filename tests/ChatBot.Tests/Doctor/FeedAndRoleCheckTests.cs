using System.Text.Json;
using ChatBot.Cli;
using ChatBot.Doctor;
using ChatBot.Feed;
using ChatBot.Feed.Queue;
using ChatBot.StandIns;
using ChatBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using ChatBot.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Doctor;

/// <summary>The doctor's feed and member-role lines: the real AWSSDK.SQS against the SQS stand-in (GetQueueAttributes),
/// and AWSSDK.SecurityToken against WireMock (AssumeRole), each in its ✓, ⚠ and ✗ forms.</summary>
public sealed class FeedAndRoleCheckTests : IAsyncLifetime, IDisposable
{
    private const string ProdRole = "arn:aws:iam::210987654321:role/whostopped-read";
    private readonly AwsStub aws = new();
    private readonly Dictionary<string, string?> settings = new() { ["WHOSTOPPED_REGIONS"] = "us-east-1" };
    private readonly List<IHost> hosts = [];
    private SqsStandIn queue = null!;

    public async Task InitializeAsync()
    {
        queue = await SqsStandIn.StartAsync();
        var good = TrailStub.GoodTrail();
        new TrailStub(aws.Server).Trails("us-east-1", good).Logging(good, true).BasicSelectors(good).LifecycleRules("aws-cloudtrail-logs-org", 1);
        aws.CallerIdentity(Records.Account);
    }

    public Task DisposeAsync() => queue.DisposeAsync().AsTask();

    public void Dispose()
    {
        hosts.ForEach(h => h.Dispose());
        aws.Dispose();
    }

    [Fact]
    public async Task A_reachable_queue_passes_and_is_asked_with_GetQueueAttributes()
    {
        UseQueue();

        var feed = Single(await DoctorAsync(), "feed");

        Assert.Equal("ok", feed.Status);
        Assert.Contains($"The queue {queue.QueueUrl} answers", feed.Detail);
        Assert.Equal(1, queue.CountOf("GetQueueAttributes"));
    }

    [Fact]
    public async Task A_queue_that_refuses_the_bot_is_a_warning_naming_sqs_GetQueueAttributes()
    {
        UseQueue();
        queue.Fault = SqsFault.AccessDenied;

        var feed = Single(await DoctorAsync(), "feed");

        Assert.Equal("warn", feed.Status);
        Assert.Contains("lacks sqs:GetQueueAttributes", feed.Detail);
        Assert.StartsWith("Grant sqs:GetQueueAttributes", feed.Fix);
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_fails_with_the_stack_to_deploy()
    {
        UseQueue();
        queue.Fault = SqsFault.QueueMissing;

        var (exit, lines) = await DoctorWithExitAsync();

        Assert.Equal(1, exit);
        var feed = Single(lines, "feed");
        Assert.Equal("fail", feed.Status);
        Assert.Contains("does not exist", feed.Detail);
        Assert.Contains("manifest/eventbridge.yaml", feed.Fix);
    }

    [Fact]
    public async Task The_last_message_s_age_is_fine_for_three_hours_then_a_warning_pointing_at_the_rules()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (probe, status) = Probe(time);
        status.Polled(0);
        time.Advance(TimeSpan.FromMinutes(10));
        status.Polled(3);
        time.Advance(TimeSpan.FromMinutes(42));

        var fresh = await probe.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(4));
        var stale = await probe.CheckAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, fresh.Status);
        Assert.Contains("last message came 42 min ago", fresh.Detail);
        Assert.Equal(CheckStatus.Warn, stale.Status);
        Assert.Contains("no message has come for 4 h", stale.Detail);
        Assert.Contains("aws events list-rules --name-prefix whostopped-ec2", stale.Fix);
    }

    [Fact]
    public async Task Polling_for_hours_without_any_message_is_a_warning_and_a_fresh_start_is_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (probe, status) = Probe(time);
        status.Polled(0);
        time.Advance(TimeSpan.FromMinutes(20));

        var starting = await probe.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(5));
        status.Polled(0);
        var silent = await probe.CheckAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, starting.Status);
        Assert.Contains("no message yet in the 20 min", starting.Detail);
        Assert.Equal(CheckStatus.Warn, silent.Status);
        Assert.Contains("no message has come in the 5 h", silent.Detail);
    }

    [Fact]
    public async Task A_consumer_the_queue_refuses_is_a_warning_even_when_the_queue_answers_the_doctor()
    {
        var (probe, status) = Probe(TimeProvider.System);
        status.Refused("AccessDenied");

        var outcome = await probe.CheckAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Warn, outcome.Status);
        Assert.Contains("the bot's consumer cannot read it", outcome.Detail);
    }

    [Fact]
    public async Task A_member_role_that_can_be_assumed_passes_and_the_bot_s_own_account_needs_none()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-session-token", DateTimeOffset.UtcNow.AddHours(1)));
        settings["WHOSTOPPED_ACCOUNTS"] = $"home={Records.Account},prod=210987654321";

        var roles = (await DoctorAsync()).Where(l => l.Check == "member-role").ToDictionary(l => l.Alias);

        Assert.Equal("ok", roles["prod"].Status);
        Assert.Contains($"{ProdRole} can be assumed (sts:AssumeRole, session whostopped)", roles["prod"].Detail);
        Assert.Equal("ok", roles["home"].Status);
        Assert.Contains("is the bot's own", roles["home"].Detail);
        Assert.Single(aws.StsCalls("AssumeRole"));
        Assert.Single(aws.StsCalls("GetCallerIdentity"));
    }

    [Theory]
    [InlineData(null, "requires an ExternalId and WHOSTOPPED_EXTERNAL_ID is not set")]
    [InlineData("ops-7f3a", "expects another ExternalId than WHOSTOPPED_EXTERNAL_ID")]
    public async Task A_member_role_refused_fails_naming_the_role_ARN_sts_AssumeRole_and_the_ExternalId(string? externalId, string hint)
    {
        aws.RoleRefused(ProdRole);
        settings["WHOSTOPPED_ACCOUNTS"] = "prod=210987654321";
        settings["WHOSTOPPED_EXTERNAL_ID"] = externalId;

        var (exit, lines) = await DoctorWithExitAsync();

        Assert.Equal(1, exit);
        var role = Single(lines, "member-role");
        Assert.Equal("fail", role.Status);
        Assert.Contains($"sts:AssumeRole on {ProdRole} was denied (AccessDenied)", role.Detail);
        Assert.Contains(hint, role.Detail);
        Assert.Contains("manifest/member-role.yaml", role.Fix);
        Assert.Contains($"allow sts:AssumeRole on {ProdRole}", role.Fix);
        Assert.Equal(externalId, StsStub.Field(Assert.Single(aws.StsCalls("AssumeRole")), "ExternalId"));
    }

    private void UseQueue()
    {
        settings["WHOSTOPPED_EVENTS_QUEUE_URL"] = queue.QueueUrl;
        settings["AWS_ENDPOINT_URL_SQS"] = queue.Url.ToString();
    }

    /// <summary>The doctor's feed check as the running bot has it: the consumer's status beside the real SQS client.</summary>
    private (IFeedProbe Probe, FeedStatus Status) Probe(TimeProvider time)
    {
        UseQueue();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(aws.Configuration);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAws();
        builder.AddDoctor();
        builder.AddFeedProbe();
        builder.Services.Replace(ServiceDescriptor.Singleton(time));
        hosts.Add(builder.Build());
        return (hosts[^1].Services.GetRequiredService<IFeedProbe>(), hosts[^1].Services.GetRequiredService<FeedStatus>());
    }

    private static Line Single(IReadOnlyList<Line> lines, string check) => Assert.Single(lines, l => l.Check == check);

    private async Task<IReadOnlyList<Line>> DoctorAsync() => (await DoctorWithExitAsync()).Lines;

    private async Task<(int Exit, IReadOnlyList<Line> Lines)> DoctorWithExitAsync()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliExtensions.RunAsync(["doctor", "--json"], stdout, stderr, b =>
        {
            b.Configuration.AddInMemoryCollection(aws.Configuration);
            b.Configuration.AddInMemoryCollection(settings);
        });
        var lines = JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray().Select(e => new Line(
            e.GetProperty("account").GetProperty("alias").GetString() ?? "default", e.GetProperty("region").GetString(),
            e.GetProperty("check").GetString()!, e.GetProperty("status").GetString()!, e.GetProperty("detail").GetString()!,
            e.GetProperty("fix").GetString())).ToList();
        return (exit, lines);
    }
}
