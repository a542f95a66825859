using System.Net;
using System.Text.Json;

namespace ChatBot.Tests.Health;

/// <summary>/readyz says, for each configured account, whether its role can be assumed, without EC2 or CloudTrail.</summary>
public sealed class AccountReadinessTests : IDisposable
{
    private const string ProdRole = "arn:aws:iam::210987654321:role/whostopped-read";
    private const string StagingRole = "arn:aws:iam::444455556666:role/whostopped-read";
    private readonly AwsStub aws = new();

    public AccountReadinessTests() => aws.CallerIdentity(Records.Account);

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task One_account_refusing_is_reported_by_name_while_the_bot_stays_ready_for_the_others()
    {
        aws.RoleRefused(ProdRole).Role(StagingRole, ("ASIASTAGINGEXAMPLE", "staging-token", DateTimeOffset.UtcNow.AddHours(1)));
        await using var app = App();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var accounts = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("aws-accounts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", accounts.GetProperty("status").GetString());
        Assert.Contains($"sts:AssumeRole on {ProdRole} failed (AccessDenied)", accounts.GetProperty("data").GetProperty("prod").GetString());
        Assert.Equal($"{StagingRole}: can be assumed", accounts.GetProperty("data").GetProperty("staging").GetString());
        Assert.Empty(aws.Ec2Calls("DescribeInstances").Concat(aws.Ec2Calls("DescribeRegions")).Concat(aws.LookupCalls()));
    }

    [Fact]
    public async Task No_account_assumable_is_not_ready()
    {
        aws.RoleRefused(ProdRole).RoleRefused(StagingRole);
        await using var app = App();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(StagingRole, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Probes_reuse_the_sessions_kept_since_start_up_and_liveness_never_waits_for_STS()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-token", DateTimeOffset.UtcNow.AddHours(1)))
            .Role(StagingRole, ("ASIASTAGINGEXAMPLE", "staging-token", DateTimeOffset.UtcNow.AddHours(1)));
        await using var app = App();
        using var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        }

        // One AssumeRole per role in all, whether start-up or the first probe asked first.
        Assert.Equal([ProdRole, StagingRole], aws.StsCalls("AssumeRole").Select(c => StsStub.Field(c, "RoleArn")).Order());
    }

    private TestApp App() => TestApp.WithSlack("Testing", new Dictionary<string, string?>
    {
        ["AWS_ENDPOINT_URL"] = aws.Server.Url,
        ["AWS_REGION"] = "us-east-1",
        ["WHOSTOPPED_ACCOUNTS"] = "prod=210987654321,staging=444455556666",
    });
}
