using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Health;

public static class HealthExtensions
{
    /// <summary>Checks with this tag make up /readyz; other folders add theirs with it.</summary>
    public const string Ready = "ready";

    /// <summary>Readiness checks: the configuration validates, AWS credentials resolve, and each account's role can be
    /// assumed (all cached; never EC2 or CloudTrail).</summary>
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AwsCredentialsCheck>();
        builder.Services.AddSingleton<AccountRolesCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<ConfigurationCheck>("configuration", tags: [Ready])
            .AddCheck<AwsCredentialsCheck>("aws-credentials", tags: [Ready])
            .AddCheck<AccountRolesCheck>("aws-accounts", tags: [Ready]);
        return builder;
    }

    /// <summary>GET /healthz: the process serves requests (liveness, no checks). GET /readyz: it can answer questions.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteReport });
        return app;
    }

    // Names each check and what it found, so an operator reading a failed probe knows what to fix.
    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
