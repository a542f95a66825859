using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Investigation;
using ChatBot.Wording;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Investigation;

/// <summary>Questions that do not name an account are answered from whichever account holds the instance.</summary>
public sealed class AccountSearchTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private const string ProdRole = "arn:aws:iam::210987654321:role/whostopped-read";
    private const string StagingRole = "arn:aws:iam::444455556666:role/whostopped-read";
    private const string DevRole = "arn:aws:iam::777788889999:role/whostopped-read";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly AwsStub aws = new();

    public AccountSearchTests()
    {
        aws.CallerIdentity(Records.Account)
            .Role(StagingRole, ("ASIASTAGINGEXAMPLE", "staging-token", Now.AddHours(1)))
            .Role(DevRole, ("ASIADEVEXAMPLE", "dev-token", Now.AddHours(1)));
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
        {
            aws.Instances(region);
        }
    }

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task An_instance_in_the_second_account_is_found_while_the_first_refuses_and_the_answer_names_the_refusal()
    {
        aws.RoleRefused(ProdRole).SignedWith("ASIASTAGINGEXAMPLE", s => s
            .Instances("eu-west-1", new Instance(Id) { Zone = "eu-west-1b" })
            .Events("eu-west-1", Id, Records.SsoConsoleStop(Id, Now.AddHours(-1))));
        using var engine = Engine();

        var finding = await AskAsync(engine);

        Assert.Null(finding.Error);
        Assert.Equal(("eu-west-1", "alice@example.com"), (finding.Region, finding.Stop?.Actor?.DisplayName));
        Assert.Equal(new FindingAccount("444455556666", "staging"), finding.Account);
        var note = ProblemText.Of(Assert.Single(finding.Unsearched));
        Assert.Contains($"Could not search account prod (210987654321): sts:AssumeRole on {ProdRole} failed (AccessDenied)", note);
        Assert.Single(aws.StsCalls("AssumeRole"), c => StsStub.Field(c, "RoleArn") == ProdRole);
        Assert.All(aws.LookupCalls(), c => Assert.Equal("staging-token", AwsStub.Header(c, "X-Amz-Security-Token")));
    }

    [Fact]
    public async Task A_second_question_asks_only_where_the_instance_was_found()
    {
        aws.RoleRefused(ProdRole).SignedWith("ASIADEVEXAMPLE", s => s
            .Instances("us-east-1", new Instance(Id))
            .Events("us-east-1", Id, Records.SsoConsoleStop(Id, Now.AddHours(-1))));
        // No reuse of EC2's answer, so that what is left is the remembered place.
        using var engine = Engine(new() { ["WHOSTOPPED_STATE_SECONDS"] = "0" });
        await AskAsync(engine);
        aws.Server.ResetLogEntries();

        var finding = await AskAsync(engine);

        Assert.Equal(new FindingAccount("777788889999", "dev"), finding.Account);
        var describe = Assert.Single(aws.Ec2Calls("DescribeInstances"));
        Assert.Equal("dev-token", AwsStub.Header(describe, "X-Amz-Security-Token"));
        Assert.Contains("/us-east-1/ec2/", AwsStub.Header(describe, "Authorization"));
        Assert.Empty(aws.StsCalls("AssumeRole"));
    }

    [Fact]
    public async Task An_instance_gone_from_EC2_in_every_account_is_found_in_the_CloudTrail_of_the_account_that_remembers_it()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-token", Now.AddHours(1)))
            .SignedWith("ASIADEVEXAMPLE", s => s.Events("eu-west-1", Id, Records.SsoConsoleStop(Id, Now.AddDays(-2))));
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
        {
            aws.Events(region, Id);
        }

        using var engine = Engine();

        var finding = await AskAsync(engine);

        Assert.False(finding.Found);
        Assert.Equal(("eu-west-1", "alice@example.com"), (finding.Region, finding.Stop?.Actor?.DisplayName));
        Assert.Equal(new FindingAccount("777788889999", "dev"), finding.Account);
        Assert.Empty(finding.Unsearched);
        Assert.Equal(["dev-token", "prod-token", "staging-token"],
            aws.LookupCalls().Select(c => AwsStub.Header(c, "X-Amz-Security-Token")).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_no_account_searchable_the_answer_says_why_for_each()
    {
        aws.RoleRefused(ProdRole).RoleRefused(StagingRole).RoleRefused(DevRole);
        using var engine = Engine();

        var finding = await AskAsync(engine);

        Assert.Equal(3, finding.Unsearched.Count);
        Assert.Contains(DevRole, finding.Error);
        Assert.Empty(aws.Ec2Calls("DescribeInstances"));
    }

    [Fact]
    public async Task Links_go_through_the_access_portal_into_the_instance_s_account()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-token", Now.AddHours(1))).SignedWith("ASIAPRODEXAMPLE", s => s
            .Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, Now.AddHours(-1))));
        using var engine = Engine(new()
        {
            ["WHOSTOPPED_SSO_START_URL"] = "https://d-9067642ac7.awsapps.com/start/",
            ["WHOSTOPPED_SSO_ROLE_NAME"] = "ReadOnly",
        });

        var finding = await AskAsync(engine);

        Assert.Equal(
            "https://d-9067642ac7.awsapps.com/start/#/console?account_id=210987654321&role_name=ReadOnly&destination="
            + Uri.EscapeDataString($"https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId={Id}"),
            finding.Links.Instance);
        Assert.StartsWith("https://d-9067642ac7.awsapps.com/start/#/console?account_id=210987654321&role_name=ReadOnly&destination=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fcloudtrailv2%2F", finding.Links.Event);
    }

    [Fact]
    public async Task A_question_that_names_its_account_asks_only_there()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-token", Now.AddHours(1))).Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id);
        using var engine = Engine();
        var staging = engine.Services.GetRequiredService<AccountDirectory>().Find("444455556666")!;

        var finding = (await engine.Investigator.InvestigateAsync(new Question(staging, [Id]), CancellationToken.None)).Single();

        Assert.Equal(new FindingAccount("444455556666", "staging"), finding.Account);
        Assert.Single(aws.StsCalls("AssumeRole"));
        Assert.All(aws.Ec2Calls("DescribeInstances"), c => Assert.Equal("staging-token", AwsStub.Header(c, "X-Amz-Security-Token")));
    }

    private TestApp Engine(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["WHOSTOPPED_ACCOUNTS"] = "prod=210987654321,staging=444455556666,dev=777788889999",
            ["WHOSTOPPED_REGIONS"] = "us-east-1,eu-west-1",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        // The question assumes the roles itself here; RoleSessionsTests cover sessions kept in hand from start-up.
        return TestApp.Engine(aws, all, TestApp.WithoutKeptSessions);
    }

    private static async Task<Finding> AskAsync(TestApp engine) =>
        (await engine.Investigator.InvestigateAsync(new Question(AwsAccount.Default, [Id]), CancellationToken.None)).Single();
}
