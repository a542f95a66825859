using ChatBot.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Tests.Aws;

/// <summary>With several accounts, start-up learns the bot's own account in the background and assumes each member
/// role once (RoleSessions), and calls no EC2.</summary>
public sealed class ClientWarmUpTests : IDisposable
{
    private readonly AwsStub aws = new();

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task Start_up_asks_GetCallerIdentity_once_and_each_member_role_once_and_nothing_else()
    {
        aws.CallerIdentity(Records.Account).Role("arn:aws:iam::210987654321:role/whostopped-read", ("ASIAPRODEXAMPLE", "prod-token", DateTimeOffset.UtcNow.AddHours(1)));
        using var host = Host(new() { ["WHOSTOPPED_ACCOUNTS"] = "prod=210987654321,staging=444455556666", ["WHOSTOPPED_REGIONS"] = "us-east-1,eu-west-1" });

        await host.StartAsync();
        await Eventually.TrueAsync(() => aws.StsCalls("AssumeRole").Count == 2, "both member roles assumed at start-up");
        await host.StopAsync();

        Assert.Single(aws.StsCalls("GetCallerIdentity"));
        Assert.Equal(
            ["arn:aws:iam::210987654321:role/whostopped-read", "arn:aws:iam::444455556666:role/whostopped-read"],
            aws.StsCalls("AssumeRole").Select(c => StsStub.Field(c, "RoleArn")).Order());
        Assert.Empty(aws.Ec2Calls("DescribeInstances"));
    }

    [Fact]
    public async Task With_one_account_start_up_asks_nothing()
    {
        aws.CallerIdentity(Records.Account);
        using var host = Host([]);

        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(aws.Server.LogEntries);
    }

    private IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(aws.Configuration);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAws();
        return builder.Build();
    }
}
