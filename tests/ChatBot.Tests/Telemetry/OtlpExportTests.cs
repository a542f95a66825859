using ChatBot.Tests.Slack;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatBot.Tests.Telemetry;

public sealed class OtlpExportTests : IDisposable
{
    private readonly WireMockServer collector = WireMockServer.Start();

    public void Dispose() => collector.Stop();

    [Fact]
    public async Task Traces_and_metrics_go_to_the_OTLP_endpoint_when_one_is_set()
    {
        collector.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using var app = TestApp.WithSlack("Testing", new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "100",
        });
        using var client = app.CreateClient();

        await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        for (var i = 0; i < 100 && !(Received("/v1/traces") && Received("/v1/metrics")); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Received("/v1/traces"), "no traces exported");
        Assert.True(Received("/v1/metrics"), "no metrics exported");
    }

    [Fact]
    public async Task Exported_traces_never_carry_a_response_url_secret()
    {
        collector.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using var app = new TestApp(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        app.Slack.FailPostsWith("not_in_channel");

        using var response = await app.SendAsync(SignedRequests.Command(SampleFindings.Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(1, "/respond/*");
        await Eventually.TrueAsync(() => Traces().Any(t => t.Contains("/REDACTED", StringComparison.Ordinal)), "the response_url span");

        // The bot's client span would hold the whole URL. (The stub Slack runs on Kestrel in this process, so its own
        // server spans, with just the path, are exported too; the bot has no such span in production.)
        Assert.DoesNotContain(Traces(), t => t.Contains(app.Slack.ResponseUrl, StringComparison.Ordinal));
    }

    private IEnumerable<string> Traces() => collector.LogEntries.Where(e => e.RequestMessage.Path == "/v1/traces")
        .Select(e => System.Text.Encoding.UTF8.GetString(e.RequestMessage.BodyAsBytes ?? []));

    private bool Received(string path) => collector.LogEntries.Any(e => e.RequestMessage.Path == path);
}
