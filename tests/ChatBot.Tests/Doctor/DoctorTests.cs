using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Cli;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Tests.Doctor;

/// <summary><c>whostopped doctor</c> against CloudTrail's describe APIs and S3 played by WireMock: each check in its ✓, ⚠ and ✗ forms.</summary>
public sealed class DoctorTests : IDisposable
{
    private static readonly string[] BestPractices = ["multi-region", "log-file-validation", "kms", "cloudwatch-logs", "s3-lifecycle"];
    private readonly AwsStub aws = new();
    private readonly TrailStub trail;
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();
    private readonly Dictionary<string, string?> settings = new() { ["WHOSTOPPED_REGIONS"] = "us-east-1,eu-west-1" };

    public DoctorTests() => trail = new TrailStub(aws.Server);

    public void Dispose()
    {
        aws.Dispose();
        stdout.Dispose();
        stderr.Dispose();
    }

    [Fact]
    public async Task A_well_kept_organisation_trail_passes_every_trail_check_and_exits_0()
    {
        OrgTrailEverywhere().LifecycleRules("aws-cloudtrail-logs-org", 2);

        var (exit, lines) = await Json();

        Assert.Equal(0, exit);
        Assert.Equal(["trail-logging", "multi-region", "management-events", "log-file-validation", "kms", "cloudwatch-logs", "s3-lifecycle", "feed", "member-role"],
            lines.Select(l => l.Check));
        Assert.All(lines.Take(7), l => Assert.Equal(("ok", (string?)null), (l.Status, l.Fix)));
        Assert.Contains("all 2 enabled regions", lines[0].Detail);
        Assert.Contains("2 lifecycle rules", lines[6].Detail);
        Assert.Equal("ok", lines[8].Status);
        Assert.All(lines, l => Assert.Equal("default", l.Alias));
    }

    [Fact]
    public async Task A_neglected_single_region_trail_fails_where_it_matters_and_warns_on_best_practices()
    {
        var bare = TrailStub.BareTrail();
        trail.Trails("us-east-1", bare).Trails("eu-west-1").Logging(bare, true).BasicSelectors(bare, "ReadOnly").LifecycleError("my-trail-bucket", 404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");

        var (exit, lines) = await Json();

        Assert.Equal(1, exit);
        var logging = Assert.Single(lines, l => l.Check == "trail-logging");
        Assert.Equal(("fail", "eu-west-1"), (logging.Status, logging.Region));
        Assert.Contains("aws cloudtrail create-trail", logging.Fix);
        Assert.Equal("fail", Line(lines, "management-events").Status);
        Assert.Contains("put-event-selectors", Line(lines, "management-events").Fix);
        Assert.Contains("--is-multi-region-trail", Line(lines, "multi-region").Fix);
        Assert.Contains("--enable-log-file-validation", Line(lines, "log-file-validation").Fix);
        Assert.Contains("--kms-key-id", Line(lines, "kms").Fix);
        Assert.Contains("no real-time alerts", Line(lines, "cloudwatch-logs").Detail);
        Assert.Contains("put-bucket-lifecycle-configuration --bucket my-trail-bucket", Line(lines, "s3-lifecycle").Fix);
        Assert.All(BestPractices, c => Assert.Equal("warn", Line(lines, c).Status));
    }

    [Fact]
    public async Task A_trail_that_stopped_logging_fails_in_every_region_with_start_logging_as_the_fix()
    {
        OrgTrailEverywhere(logging: false).LifecycleRules("aws-cloudtrail-logs-org", 1);

        var (exit, lines) = await Json();

        Assert.Equal(1, exit);
        var logging = lines.Where(l => l.Check == "trail-logging").ToList();
        Assert.Equal(["eu-west-1", "us-east-1"], logging.Select(l => l.Region).Order());
        Assert.All(logging, l => Assert.Equal($"aws cloudtrail start-logging --name {TrailStub.Arn(TrailStub.GoodTrail())} --region us-east-1", l.Fix));
    }

    [Fact]
    public async Task No_trail_at_all_fails_every_trail_check_with_create_trail()
    {
        trail.Trails("us-east-1").Trails("eu-west-1");

        var (exit, lines) = await Json();

        Assert.Equal(1, exit);
        Assert.All(lines.Where(l => l.Check is not ("feed" or "member-role")), l => Assert.Equal("fail", l.Status));
        Assert.All(lines.Where(l => l.Check is not ("feed" or "member-role")), l => Assert.Contains("create-trail", l.Fix));
    }

    [Theory]
    [InlineData("DescribeTrails", "cloudtrail:DescribeTrails", 7)]
    [InlineData("GetTrailStatus", "cloudtrail:GetTrailStatus", 1)]
    [InlineData("GetEventSelectors", "cloudtrail:GetEventSelectors", 1)]
    public async Task A_missing_cloudtrail_permission_is_a_warning_naming_the_action(string operation, string action, int lines)
    {
        OrgTrailEverywhere().LifecycleRules("aws-cloudtrail-logs-org", 1)
            .Fails(operation, 400, "AccessDeniedException", $"User is not authorized to perform: {action}");

        var (exit, report) = await Json();

        Assert.Equal(0, exit);
        var denied = report.Where(l => l.Detail.Contains(action)).ToList();
        Assert.Equal(lines, denied.Count);
        Assert.All(denied, l => Assert.Equal(("warn", $"Grant {action} to the bot's role (manifest/iam-policy.json lists it)."), (l.Status, l.Fix)));
    }

    [Fact]
    public async Task An_organisation_bucket_the_bot_cannot_read_is_said_plainly_to_sit_in_another_account()
    {
        OrgTrailEverywhere()
            .LifecycleError("aws-cloudtrail-logs-org", 403, "AccessDenied", "Access Denied");

        var (exit, lines) = await Json();

        Assert.Equal(0, exit);
        var lifecycle = Line(lines, "s3-lifecycle");
        Assert.Equal("warn", lifecycle.Status);
        Assert.Contains("s3:GetLifecycleConfiguration was denied", lifecycle.Detail);
        Assert.Contains("sits in another account", lifecycle.Detail);
        Assert.Equal("https://s3.console.aws.amazon.com/s3/buckets/aws-cloudtrail-logs-org?tab=management", lifecycle.Fix);
    }

    [Fact]
    public async Task A_trail_without_a_bucket_fails_the_lifecycle_check()
    {
        var bare = TrailStub.BareTrail();
        bare.Remove("S3BucketName");
        trail.Trails("us-east-1", bare).Trails("eu-west-1", bare).Logging(bare, true).BasicSelectors(bare);

        var (exit, lines) = await Json();

        Assert.Equal(1, exit);
        Assert.Equal("fail", Line(lines, "s3-lifecycle").Status);
        Assert.Contains("--s3-bucket-name", Line(lines, "s3-lifecycle").Fix);
    }

    [Fact]
    public async Task The_feed_warns_when_no_queue_is_configured()
    {
        OrgTrailEverywhere().LifecycleRules("aws-cloudtrail-logs-org", 1);

        var (_, lines) = await Json();

        Assert.Equal("warn", Line(lines, "feed").Status);
        Assert.Contains("WHOSTOPPED_EVENTS_QUEUE_URL is not set", Line(lines, "feed").Detail);
    }

    [Fact]
    public async Task Text_output_marks_each_line_and_puts_the_fix_under_it()
    {
        var bare = TrailStub.BareTrail();
        trail.Trails("us-east-1", bare).Trails("eu-west-1", bare).Logging(bare, true).BasicSelectors(bare).LifecycleRules("my-trail-bucket", 1);

        var exit = await Run("doctor");

        Assert.Equal(0, exit);
        var text = stdout.ToString();
        Assert.Contains("✓ trail-logging", text);
        Assert.Contains("⚠ multi-region", text);
        Assert.Contains($"      fix: aws cloudtrail update-trail --name {TrailStub.Arn(bare)} --enable-log-file-validation --region us-east-1", text);
        Assert.EndsWith("4 ok, 5 warnings, 0 failed" + Environment.NewLine, text);
    }

    [Fact]
    public async Task Doctor_refuses_unknown_options_with_exit_2_before_any_aws_call()
    {
        var exit = await Run("doctor", "--region", "us-east-1");

        Assert.Equal(2, exit);
        Assert.Empty(aws.Server.LogEntries);
    }

    [Fact]
    public async Task Describe_calls_are_signed_for_cloudtrail_in_each_region_and_ask_for_shadow_trails()
    {
        OrgTrailEverywhere().LifecycleRules("aws-cloudtrail-logs-org", 1);

        await Json();

        var describes = aws.Server.LogEntries.Where(e => AwsStub.Header(e, "X-Amz-Target") == TrailStub.Target + "DescribeTrails").ToList();
        Assert.Equal(2, describes.Count);
        Assert.All(describes, d => Assert.Equal("{\"includeShadowTrails\":true}", d.RequestMessage.Body));
        Assert.Single(aws.Server.LogEntries, e => AwsStub.Header(e, "X-Amz-Target") == TrailStub.Target + "GetTrailStatus");
    }

    /// <summary>A well-kept organisation trail, seen from both regions the bot searches, logging (or not) and recording
    /// management events; each test adds the bucket's lifecycle it needs.</summary>
    private TrailStub OrgTrailEverywhere(bool logging = true)
    {
        var good = TrailStub.GoodTrail();
        return trail.Trails("us-east-1", good).Trails("eu-west-1", good).Logging(good, logging).BasicSelectors(good);
    }

    private static Line Line(IReadOnlyList<Line> lines, string check) => Assert.Single(lines, l => l.Check == check);

    private async Task<(int Exit, IReadOnlyList<Line> Lines)> Json()
    {
        var exit = await Run("doctor", "--json");
        var lines = JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray().Select(e =>
        {
            Assert.Equal(["account", "region", "check", "status", "detail", "fix"], e.EnumerateObject().Select(p => p.Name));
            Assert.Equal(["id", "alias"], e.GetProperty("account").EnumerateObject().Select(p => p.Name));
            return new Line(e.GetProperty("account").GetProperty("alias").GetString()!, e.GetProperty("region").GetString(),
                e.GetProperty("check").GetString()!, e.GetProperty("status").GetString()!, e.GetProperty("detail").GetString()!, e.GetProperty("fix").GetString());
        }).ToList();
        return (exit, lines);
    }

    private Task<int> Run(params string[] args) => CliExtensions.RunAsync(args, stdout, stderr, b =>
    {
        b.Configuration.AddInMemoryCollection(aws.Configuration);
        b.Configuration.AddInMemoryCollection(settings);
    });
}

public sealed record Line(string Alias, string? Region, string Check, string Status, string Detail, string? Fix);
