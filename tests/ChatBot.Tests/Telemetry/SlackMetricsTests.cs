using System.Diagnostics.Metrics;
using ChatBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Telemetry;

public class SlackMetricsTests
{
    [Fact]
    public async Task A_command_counts_once_with_its_time_to_answer_and_each_Slack_call_by_method_and_outcome()
    {
        await using var app = new TestApp();
        using var meters = new MeterCapture(app.Services.GetRequiredService<IMeterFactory>());

        using var response = await app.SendAsync(SignedRequests.Command(SampleFindings.Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(1);

        Assert.Equal(1, await meters.SumEventuallyAsync(1, "whostopped.commands", ("command", "/whostopped"), ("outcome", "answered")));
        Assert.Equal(1, meters.Count("whostopped.answer.duration", ("command", "/whostopped")));
        Assert.True(meters.Sum("whostopped.slack.calls", ("method", "chat.postMessage"), ("outcome", "ok")) >= 1);
    }

    [Fact]
    public async Task Slack_errors_are_counted_by_their_error_code_and_the_response_url_fallback_separately()
    {
        await using var app = new TestApp();
        app.Slack.FailPostsWith("not_in_channel");
        using var meters = new MeterCapture(app.Services.GetRequiredService<IMeterFactory>());

        using var response = await app.SendAsync(SignedRequests.Command(SampleFindings.Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(1, "/respond/*");

        Assert.Equal(1, await meters.SumEventuallyAsync(1, "whostopped.slack.calls", ("method", "chat.postMessage"), ("outcome", "not_in_channel")));
        Assert.True(await meters.SumEventuallyAsync(1, "whostopped.slack.calls", ("method", "response_url"), ("outcome", "ok")) >= 1);
    }
}
