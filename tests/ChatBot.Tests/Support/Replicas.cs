using System.Net.Http.Json;
using System.Text.Json;

namespace ChatBot.Tests.Support;

/// <summary>Two bot replicas behind one load balancer: the same AWS, each its own Slack stand-in (so it is known who
/// answered), and, when <paramref name="redis"/> is given, one shared Redis.</summary>
internal sealed class Replicas : IAsyncDisposable
{
    public Replicas(string? redis, AwsStub aws, IDictionary<string, string?>? settings = null)
    {
        Aws = aws;
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["WHOSTOPPED_REDIS"] = redis };
        A = new TestApp(all, aws: aws);
        B = new TestApp(all, aws: aws);
    }

    public AwsStub Aws { get; }

    public TestApp A { get; }

    public TestApp B { get; }

    /// <summary>Posts made by either replica into the thread of <paramref name="ts"/>.</summary>
    public int RepliesTo(string ts) => new[] { A, B }.Sum(app => app.Slack.Bodies()
        .Count(p => p.TryGetProperty("thread_ts", out var t) && t.GetString() == ts));

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Aws.Dispose();
    }

    /// <summary>The status of one named check in /readyz.</summary>
    public static async Task<string?> ReadinessOf(TestApp app, string check)
    {
        using var client = app.CreateClient();
        var report = await client.GetFromJsonAsync<JsonElement>("/readyz");
        return report.GetProperty("checks").TryGetProperty(check, out var entry) ? entry.GetProperty("status").GetString() : null;
    }
}
