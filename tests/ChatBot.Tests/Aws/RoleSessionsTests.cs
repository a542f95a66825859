using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Aws;

/// <summary>Member roles' sessions kept in hand: assumed at start-up, renewed in the background shortly before they
/// would be, a refused role tried again every 15 minutes, all against AWSSDK.SecurityToken on WireMock with the clock
/// held still.</summary>
public sealed class RoleSessionsTests : IDisposable
{
    private const string ProdRole = "arn:aws:iam::210987654321:role/whostopped-read";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>Long enough for the background pass a tick starts to have made any call it was going to make.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly AwsStub aws = new();
    private readonly FakeTimeProvider time = new(Now);

    public RoleSessionsTests() => aws.CallerIdentity(Records.Account);

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task Each_member_role_is_assumed_at_start_up_and_a_question_then_uses_that_session()
    {
        aws.Role(ProdRole, ("ASIAPRODEXAMPLE", "prod-token", Now.AddHours(1)));
        using var host = Host($"home={Records.Account},prod=210987654321");

        await host.StartAsync();
        await Eventually.TrueAsync(() => aws.StsCalls("AssumeRole").Count == 1, "prod's role assumed at start-up");
        var token = (await Credentials(host, "prod").GetCredentialsAsync()).Token;
        await Task.Delay(Settle);
        await host.StopAsync();

        Assert.Equal("prod-token", token);
        // The bot's own account is read with its own credentials: no AssumeRole for it.
        Assert.Equal(ProdRole, StsStub.Field(Assert.Single(aws.StsCalls("AssumeRole")), "RoleArn"));
    }

    [Fact]
    public async Task A_session_is_renewed_in_the_background_before_a_question_would_have_to_renew_it()
    {
        aws.Role(ProdRole, ("ASIAFIRSTEXAMPLE", "first-token", Now.AddHours(1)), ("ASIASECONDEXAMPLE", "second-token", Now.AddHours(2)));
        using var host = Host("prod=210987654321");
        await host.StartAsync();
        await Eventually.TrueAsync(() => aws.StsCalls("AssumeRole").Count == 1, "the role assumed at start-up");

        await AdvanceAsync(TimeSpan.FromMinutes(52));
        Assert.Single(aws.StsCalls("AssumeRole"));

        // Questions would renew it at 55 minutes (5 before it expires); the background does so a tick or two earlier.
        await AdvanceAsync(TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(() => aws.StsCalls("AssumeRole").Count == 2, "the session renewed in the background");
        var token = (await Credentials(host, "prod").GetCredentialsAsync()).Token;
        await host.StopAsync();

        Assert.Equal("second-token", token);
        Assert.Equal(2, aws.StsCalls("AssumeRole").Count);
    }

    [Fact]
    public async Task A_refused_role_is_tried_again_in_the_background_every_15_minutes_not_every_minute()
    {
        aws.RoleRefused(ProdRole);
        using var host = Host("prod=210987654321");
        await host.StartAsync();
        await Eventually.TrueAsync(() => aws.StsCalls("AssumeRole").Count == 1, "the role tried at start-up");

        await AdvanceAsync(TimeSpan.FromMinutes(14));
        Assert.Single(aws.StsCalls("AssumeRole"));

        await AdvanceAsync(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => aws.StsCalls("AssumeRole").Count == 2, "the role tried again after 15 minutes");
        await host.StopAsync();
    }

    /// <summary>A minute at a time, so that the background sees every tick, then lets the last pass finish.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        for (var passed = TimeSpan.Zero; passed < by; passed += RoleSessions.Tick)
        {
            time.Advance(RoleSessions.Tick);
            await Task.Delay(20);
        }

        await Task.Delay(Settle);
    }

    private static Amazon.Runtime.AWSCredentials Credentials(IHost host, string alias)
    {
        var account = host.Services.GetRequiredService<AccountDirectory>().Find(alias)!;
        return host.Services.GetRequiredService<AccountCredentials>().For(account);
    }

    private IHost Host(string accounts)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(aws.Configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["WHOSTOPPED_ACCOUNTS"] = accounts, ["WHOSTOPPED_REGIONS"] = "us-east-1" });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddAws();
        return builder.Build();
    }
}
