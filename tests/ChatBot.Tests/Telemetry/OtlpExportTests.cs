using ChatBot.Tests.Hosting;
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

    private bool Received(string path) => collector.LogEntries.Any(e => e.RequestMessage.Path == path);
}
