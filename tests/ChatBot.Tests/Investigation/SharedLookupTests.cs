using ChatBot.Aws;
using ChatBot.Investigation;
using ChatBot.Tests.Slack.Support;
using ChatBot.Tests.Support;
using WireMock.RequestBuilders;

namespace ChatBot.Tests.Investigation;

public sealed class SharedLookupTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private readonly AwsStub aws = new();

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task Twenty_concurrent_questions_about_one_instance_cost_one_lookup()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1)));
        using var engine = new EngineHost(aws);

        var findings = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => engine.AskAsync(Id, "us-east-1")));

        Assert.All(findings, f => Assert.Equal("alice@example.com", f.Stop?.Actor?.DisplayName));
        Assert.Single(aws.LookupCalls());
    }

    [Fact]
    public async Task A_cached_answer_is_reused_until_the_instance_state_changes()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1)));
        // Each question sees EC2's state as it is now, not as it was a few seconds ago.
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_STATE_SECONDS"] = "0" });

        await engine.AskAsync(Id, "us-east-1");
        await engine.AskAsync(Id, "us-east-1");
        Assert.Single(aws.LookupCalls());

        aws.Instances("us-east-1", new Instance(Id, "running") { ReasonCode = null, Transition = null });
        var afterStart = await engine.AskAsync(Id, "us-east-1");

        Assert.Equal(2, aws.LookupCalls().Count);
        Assert.True(afterStart.RunningAgain);
    }

    [Fact]
    public async Task With_the_cache_switched_off_every_question_looks_again()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1)));
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_CACHE_SECONDS"] = "0" });

        Assert.Equal("alice@example.com", (await engine.AskAsync(Id, "us-east-1")).Stop?.Actor?.DisplayName);
        Assert.Equal("alice@example.com", (await engine.AskAsync(Id, "us-east-1")).Stop?.Actor?.DisplayName);
        Assert.Equal(2, aws.LookupCalls().Count);
    }

    [Fact]
    public async Task An_answer_still_waiting_for_cloudtrail_is_not_cached()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id);
        using var engine = new EngineHost(aws);

        await engine.AskAsync(Id, "us-east-1");
        await engine.AskAsync(Id, "us-east-1");

        Assert.Equal(2, aws.LookupCalls().Count);
    }

    [Fact]
    public async Task A_slow_cloudtrail_gives_what_ec2_knows_and_says_who_is_still_unknown()
    {
        // The deadline leaves EC2 room to answer on a busy machine; CloudTrail answers long after it.
        aws.Instances("us-east-1", new Instance(Id)).SlowCloudTrail(TimeSpan.FromSeconds(6));
        using var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_TIMEOUT_SECONDS"] = "3" });

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Equal("web-1", finding.InstanceName);
        Assert.Equal("AWS did not answer within 3 s.", finding.Error);
        Assert.StartsWith("Who stopped it is still unknown", finding.Explanation);
    }

    [Fact]
    public async Task Tearing_the_app_down_ends_searches_still_waiting_on_cloudtrail()
    {
        aws.Instances("us-east-1", new Instance(Id));
        var cloudTrail = new HeldResponses(aws.Server,
            Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", AwsStub.LookupEventsTarget),
            "application/x-amz-json-1.1", """{"Events":[]}""");
        try
        {
            var engine = new EngineHost(aws, new Dictionary<string, string?> { ["WHOSTOPPED_TIMEOUT_SECONDS"] = "60" });
            var asking = engine.AskAsync(Id, "us-east-1");
            await Eventually.TrueAsync(() => cloudTrail.Waiting == 1, "the LookupEvents call");

            // Not just the answer but the teardown itself: a search left running holds the app's exit for its whole deadline.
            var teardown = Task.Run(engine.Dispose);
            var finding = await asking.WaitAsync(TimeSpan.FromSeconds(5));
            await teardown.WaitAsync(TimeSpan.FromSeconds(5));

            Assert.StartsWith("Who stopped it is still unknown", finding.Explanation);
        }
        finally
        {
            cloudTrail.Release();
        }
    }

    [Fact]
    public async Task Malformed_ids_are_answered_without_calling_aws()
    {
        using var engine = new EngineHost(aws);

        var findings = await engine.Investigator.InvestigateAsync(new Question(AwsAccount.Default, ["i-xyz"], "us-east-1"), CancellationToken.None);

        Assert.Contains("expected i- followed by 8 or 17 hex digits", findings.Single().Error);
        Assert.Empty(aws.Server.LogEntries);
    }

    [Fact]
    public async Task Requests_are_signed_with_sigv4_for_the_service_and_region()
    {
        aws.Instances("eu-west-1", new Instance(Id)).Events("eu-west-1", Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1)));
        using var engine = new EngineHost(aws);

        await engine.AskAsync(Id, "eu-west-1");

        var lookup = Assert.Single(aws.LookupCalls());
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={TestCredentials.AccessKeyId}/", AwsStub.Header(lookup, "Authorization"));
        Assert.Contains("/eu-west-1/cloudtrail/aws4_request", AwsStub.Header(lookup, "Authorization"));
        Assert.Contains("x-amz-target", AwsStub.Header(lookup, "Authorization"));
        Assert.Equal("application/x-amz-json-1.1", AwsStub.Header(lookup, "Content-Type"));
        Assert.NotNull(AwsStub.Header(lookup, "X-Amz-Date"));
        Assert.Contains("\"LookupAttributes\":[{\"AttributeKey\":\"ResourceName\",\"AttributeValue\":\"i-0123456789abcdef0\"}]", lookup.RequestMessage.Body);
    }
}
