using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Investigation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Aws;

/// <summary>AWSSDK.SecurityToken against WireMock: member accounts are read with their role's temporary credentials,
/// assumed by the question itself (the background that keeps sessions in hand is taken out: see RoleSessionsTests).</summary>
public sealed class AssumeRoleTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private const string ProdRole = "arn:aws:iam::210987654321:role/whostopped-read";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly AwsStub aws = new();

    public AssumeRoleTests() => aws.CallerIdentity(Records.Account);

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task A_member_account_is_read_with_its_role_s_temporary_credentials_and_every_request_carries_the_session_token()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-session-token", Now.AddHours(1)));
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, Now.AddHours(-1)));
        using var engine = Engine(new() { ["WHOSTOPPED_EXTERNAL_ID"] = "ops-7f3a" });

        var finding = await AskAsync(engine, "prod");

        Assert.Null(finding.Error);
        Assert.All(aws.Ec2Calls("DescribeInstances").Concat(aws.LookupCalls()), call =>
        {
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAPRODEXAMPLE/", AwsStub.Header(call, "Authorization"));
            Assert.Equal("prod-session-token", AwsStub.Header(call, "X-Amz-Security-Token"));
        });
        Assert.Single(aws.LookupCalls());
        var assume = Assert.Single(aws.StsCalls("AssumeRole"));
        Assert.Equal(ProdRole, StsStub.Field(assume, "RoleArn"));
        Assert.Equal("whostopped", StsStub.Field(assume, "RoleSessionName"));
        Assert.Equal("ops-7f3a", StsStub.Field(assume, "ExternalId"));
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={TestCredentials.AccessKeyId}/", AwsStub.Header(assume, "Authorization"));
        Assert.Contains("/us-east-1/sts/aws4_request", AwsStub.Header(assume, "Authorization"));
    }

    [Fact]
    public async Task Requests_with_assumed_credentials_are_signed_with_the_temporary_secret_and_sign_the_session_token_for_EC2_and_CloudTrail()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-session-token", Now.AddHours(1)));
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, Now.AddHours(-1)));
        using var engine = Engine();

        await AskAsync(engine, "prod");

        var ec2 = aws.Ec2Calls("DescribeInstances");
        var cloudTrail = aws.LookupCalls();
        Assert.NotEmpty(ec2);
        Assert.NotEmpty(cloudTrail);
        Assert.All(ec2.Concat(cloudTrail), call =>
        {
            // The secret STS handed out for this session (the stub's "secret-of-<key>"), not the bot's own.
            Assert.Null(SigV4Check.Problem(call, "secret-of-ASIAPRODEXAMPLE"));
            Assert.NotNull(SigV4Check.Problem(call, TestCredentials.SecretAccessKey));
            Assert.Equal("prod-session-token", AwsStub.Header(call, "X-Amz-Security-Token"));
            Assert.Contains("x-amz-security-token", SignedHeaders(call));
        });
    }

    [Fact]
    public async Task Without_WHOSTOPPED_EXTERNAL_ID_no_ExternalId_is_sent()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-session-token", Now.AddHours(1))).Instances("us-east-1").Events("us-east-1", Id);
        using var engine = Engine();

        await AskAsync(engine, "prod");

        Assert.Null(StsStub.Field(Assert.Single(aws.StsCalls("AssumeRole")), "ExternalId"));
    }

    [Fact]
    public async Task The_bot_s_own_account_is_read_with_its_own_credentials_and_no_AssumeRole()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, Now.AddHours(-1)));
        using var engine = Engine(new() { ["WHOSTOPPED_ACCOUNTS"] = $"home={Records.Account},prod=210987654321" });

        await AskAsync(engine, "home");
        await AskAsync(engine, "home", "i-0123456789abcdef1");

        Assert.Empty(aws.StsCalls("AssumeRole"));
        Assert.Single(aws.StsCalls("GetCallerIdentity"));
        Assert.All(aws.Ec2Calls("DescribeInstances"), call =>
        {
            Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={TestCredentials.AccessKeyId}/", AwsStub.Header(call, "Authorization"));
            Assert.Null(AwsStub.Header(call, "X-Amz-Security-Token"));
        });
    }

    [Fact]
    public async Task Concurrent_questions_about_one_account_share_one_AssumeRole()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-session-token", Now.AddHours(1))).Instances("us-east-1");
        using var engine = Engine();
        var ids = Enumerable.Range(0, 20).Select(i => $"i-0123456789abcd{i:x3}").ToList();
        ids.ForEach(id => aws.Events("us-east-1", id));

        await Task.WhenAll(ids.Select(id => AskAsync(engine, "prod", id)));

        Assert.Single(aws.StsCalls("AssumeRole"));
        Assert.NotEmpty(aws.Ec2Calls("DescribeInstances"));
        Assert.All(aws.Ec2Calls("DescribeInstances").Concat(aws.LookupCalls()), c => Assert.Equal("prod-session-token", AwsStub.Header(c, "X-Amz-Security-Token")));
    }

    [Theory]
    [InlineData("AccessDenied")]
    [InlineData("ExpiredToken")]
    public async Task A_role_that_cannot_be_assumed_is_answered_naming_sts_AssumeRole_and_the_role_ARN(string code)
    {
        aws.RoleRefused(ProdRole, code).Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id);
        using var engine = Engine();

        var finding = await AskAsync(engine, "prod");

        Assert.Contains($"Could not search account prod (210987654321): sts:AssumeRole on {ProdRole} failed ({code})", finding.Error);
        Assert.Contains("`sts:AssumeRole`", finding.Error);
        Assert.Empty(aws.Ec2Calls("DescribeInstances"));
        Assert.Empty(aws.LookupCalls());
    }

    [Fact]
    public async Task Credentials_are_reused_until_five_minutes_before_they_expire_then_refreshed_with_one_call()
    {
        var time = new FakeTimeProvider(Now);
        aws.Role(ProdRole, ("ASIAFIRSTEXAMPLE", "first-token", Now.AddHours(1)), ("ASIASECONDEXAMPLE", "second-token", Now.AddHours(2)));
        using var engine = Engine(services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var prod = engine.Services.GetRequiredService<AccountDirectory>().Find("prod")!;
        var credentials = engine.Services.GetRequiredService<AccountCredentials>().For(prod);

        Assert.Equal("first-token", (await credentials.GetCredentialsAsync()).Token);
        time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("first-token", (await credentials.GetCredentialsAsync()).Token);
        Assert.Single(aws.StsCalls("AssumeRole"));

        time.Advance(TimeSpan.FromMinutes(2));
        var refreshed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => credentials.GetCredentialsAsync()));

        Assert.All(refreshed, c => Assert.Equal(("ASIASECONDEXAMPLE", "second-token"), (c.AccessKey, c.Token)));
        Assert.Equal(2, aws.StsCalls("AssumeRole").Count);
    }

    private static string[] SignedHeaders(WireMock.Logging.ILogEntry call) =>
        AwsStub.Header(call, "Authorization")!.Split("SignedHeaders=")[1].Split(',')[0].Split(';');

    private TestApp Engine(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?> { ["WHOSTOPPED_ACCOUNTS"] = "prod=210987654321,staging=444455556666" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return TestApp.Engine(aws, all, s =>
        {
            TestApp.WithoutKeptSessions(s);
            services?.Invoke(s);
        });
    }

    private static async Task<Finding> AskAsync(TestApp engine, string account, string id = Id)
    {
        var named = engine.Services.GetRequiredService<AccountDirectory>().Find(account)!;
        return (await engine.Investigator.InvestigateAsync(new Question(named, [id], "us-east-1"), CancellationToken.None)).Single();
    }
}
