using System.Text.Json;

namespace ChatBot.Tests.Hosting;

/// <summary>The built app as an operator starts it: what it prints and whether it starts at all.</summary>
public class AppProcessTests
{
    private static readonly Dictionary<string, string?> NoSlack = new() { ["SLACK_SIGNING_SECRET"] = null, ["SLACK_BOT_TOKEN"] = null };

    [Fact]
    public async Task A_fresh_Development_start_says_it_is_the_sandbox_where_to_look_and_how_to_connect_Slack_and_AWS()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string?>(NoSlack) { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var url = await app.WaitUntilListeningAsync();

        var banner = await Eventually(() => app.Output.Split('\n').FirstOrDefault(l => l.Contains("SANDBOX mode")));
        Assert.Contains($"Open {url.ToString().TrimEnd('/')}/", banner);
        Assert.Contains("set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN", banner);
        Assert.Contains("AWS_REGION", banner);
    }

    [Fact]
    public async Task Production_without_Slack_secrets_exits_non_zero_naming_both_variables()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string?>(NoSlack) { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Equal(1, await app.WaitForExitAsync());
        Assert.Contains("whostopped cannot start: SLACK_SIGNING_SECRET is not set", app.Output);
        Assert.Contains("SLACK_BOT_TOKEN is not set", app.Output);
        Assert.DoesNotContain("SANDBOX", app.Output);
    }

    [Fact]
    public async Task A_setting_that_is_not_a_number_stops_start_up_naming_the_variable()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string?>(TestApp.SlackSecrets)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["WHOSTOPPED_WORKERS"] = "lots",
        });

        Assert.Equal(1, await app.WaitForExitAsync());
        Assert.Contains("whostopped cannot start: Failed to convert configuration value 'lots' at 'WHOSTOPPED_WORKERS'", app.Output);
    }

    [Fact]
    public async Task Production_logs_are_one_JSON_object_per_line()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SLACK_SIGNING_SECRET"] = TestApp.SlackSecrets["SLACK_SIGNING_SECRET"],
            ["SLACK_BOT_TOKEN"] = TestApp.SlackSecrets["SLACK_BOT_TOKEN"],
        });
        await app.WaitUntilListeningAsync();

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Message", out _), line);
        });
        Assert.Contains(lines, l => l.Contains("\"Category\":\"Microsoft.Hosting.Lifetime\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_healthcheck_argument_probes_a_running_app_and_reports_by_exit_code()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string?>(NoSlack) { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var url = await app.WaitUntilListeningAsync();

        await using var healthy = AppProcess.Start(new Dictionary<string, string?> { ["ASPNETCORE_HTTP_PORTS"] = url.Port.ToString() }, "healthcheck");
        Assert.Equal(0, await healthy.WaitForExitAsync());

        await using var nobody = AppProcess.Start(new Dictionary<string, string?> { ["ASPNETCORE_HTTP_PORTS"] = "1" }, "healthcheck");
        Assert.Equal(1, await nobody.WaitForExitAsync());
    }

    private static async Task<string> Eventually(Func<string?> find)
    {
        for (var i = 0; i < 100; i++)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Not seen in the output within 10 s.");
    }
}
