using System.Diagnostics;
using System.Text.Json;

namespace ChatBot.Tests.Slack;

/// <summary>The whole bot: signed Slack request in, real engine and AWS clients against WireMock AWS, Slack Web API out.</summary>
public sealed class AwsBackedSlackTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddHours(-2);
    private readonly AwsStub aws = new();

    public void Dispose() => aws.Dispose();

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [Fact]
    public async Task The_ack_comes_at_once_while_AWS_is_slow_and_the_answer_follows()
    {
        aws.CloudTrailLatency = TimeSpan.FromSeconds(4);
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, Recently));
        await using var app = new TestApp(aws: aws);
        _ = app.Services;

        var clock = Stopwatch.StartNew();
        using var response = await app.SendAsync(SignedRequests.Command($"{Id} us-east-1", app.Slack.ResponseUrl));
        var ackTime = clock.Elapsed;

        Assert.True(ackTime < TimeSpan.FromSeconds(3), $"ack took {ackTime}");
        Assert.Contains("Looking up", await response.Content.ReadAsStringAsync());
        Assert.Empty(app.Slack.Bodies());
        var summary = (await app.Slack.WaitForAsync(1, timeout: TimeSpan.FromSeconds(30)))[0];
        Assert.Contains("alice@example.com", summary.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Tag_values_and_names_from_AWS_reach_Slack_escaped()
    {
        var hostile = new Instance(Id) { Tags = new Dictionary<string, string> { ["Name"] = "<!channel> db", ["owner"] = "<@U0BOSS>", ["env"] = "<!here>" } };
        aws.Instances("us-east-1", hostile).Events("us-east-1", Id, Records.IamUserCliStop(Id, Recently, "<!everyone>"));
        await using var app = new TestApp(aws: aws);

        using var response = await app.SendAsync(SignedRequests.Command($"{Id} us-east-1", app.Slack.ResponseUrl));
        var posts = await app.Slack.WaitForAsync(2, timeout: TimeSpan.FromSeconds(30));

        var strings = posts.SelectMany(Strings).ToList();
        Assert.DoesNotContain(strings, s => s.Contains("<!channel>") || s.Contains("<!here>") || s.Contains("<!everyone>") || s.Contains("<@U0BOSS>"));
        Assert.Contains(strings, s => s.Contains("&lt;!channel&gt; db"));
        Assert.Contains(strings, s => s.Contains("&lt;@U0BOSS&gt;"));
        Assert.Contains(strings, s => s.Contains("&lt;!everyone&gt;"));
    }

    [Fact]
    public async Task The_summary_links_to_the_cloudtrail_event_and_the_instance_in_the_console()
    {
        var stop = Records.SsoConsoleStop(Id, Recently);
        aws.Instances("eu-west-1", new Instance(Id)).Events("eu-west-1", Id, stop);
        await using var app = new TestApp(aws: aws);

        using var response = await app.SendAsync(SignedRequests.Command($"{Id} region=eu-west-1", app.Slack.ResponseUrl));
        var summary = (await app.Slack.WaitForAsync(1, timeout: TimeSpan.FromSeconds(30)))[0];

        var urls = summary.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray()).Select(e => e.GetProperty("url").GetString()).ToList();
        Assert.Equal(2, urls.Count);
        Assert.Contains(urls, u => u!.Contains("cloudtrail") && u.Contains(stop["eventID"]!.GetValue<string>()));
        Assert.Contains(urls, u => u!.Contains("/ec2/") && u.Contains(Id));
    }
}
