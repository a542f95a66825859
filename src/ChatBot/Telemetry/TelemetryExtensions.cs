using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatBot.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Standard variable: where to send traces and metrics. Unset, nothing is exported.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Structured logs (JSON on the console outside Development), the "whostopped" meter and activity source,
    /// and OpenTelemetry traces and metrics exported over OTLP when <see cref="OtlpEndpointVariable"/> is set.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per line is what log shippers parse; Development keeps the readable console.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        // HttpClient logs full request URIs at Information, and Slack's response_url carries a secret in its path.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        builder.Services.AddWhoStoppedMetrics();
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            // Nowhere to send them: building a span for every Slack request would only cost the acknowledgement time.
            return builder;
        }

        // The exporter reads the endpoint, headers and protocol from the standard OTEL_* variables itself.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(WhoStoppedMetrics.Name))
            .WithTracing(t => t.AddSource(WhoStoppedMetrics.Name).AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (span, request) => span.SetTag("url.full", SecretUrl.Recordable(request))))
            .WithMetrics(m => m.AddMeter(WhoStoppedMetrics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>The "whostopped" meter, for every feature that records on it; safe to call more than once, so the CLI
    /// (which has no telemetry export) and the bot register it the same way.</summary>
    public static IServiceCollection AddWhoStoppedMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<WhoStoppedMetrics>();
        return services;
    }
}
