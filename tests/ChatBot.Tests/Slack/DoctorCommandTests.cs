using System.Net;
using System.Text.Json;

namespace ChatBot.Tests.Slack;

/// <summary><c>/whostopped doctor</c>: acknowledged at once, the report sent to the asker alone through response_url.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_replies_ephemerally_with_every_check_marked_and_aws_text_escaped()
    {
        await using var app = new TestApp();
        var trail = TrailStub.BareTrail();
        trail["Name"] = "<!channel>";
        new TrailStub(app.Aws.Server).Trails(TestApp.Region, trail).Logging(trail, true).BasicSelectors(trail).LifecycleRules("my-trail-bucket", 1);

        using var response = await app.SendAsync(SignedRequests.Command("doctor", app.Slack.ResponseUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ephemeral", ack.GetProperty("response_type").GetString());
        Assert.Contains("Checking the trail", ack.GetProperty("text").GetString());

        var report = Assert.Single(await app.Slack.WaitForAsync(1, "/respond/*"));
        Assert.Equal("ephemeral", report.GetProperty("response_type").GetString());
        var text = string.Join("\n", report.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("text").GetProperty("text").GetString()));
        Assert.Contains("✓ *trail-logging*", text);
        Assert.Contains("⚠ *multi-region* &lt;!channel&gt; logs only", text);
        Assert.Contains("✓ *management-events*", text);
        Assert.Contains("fix: `aws cloudtrail update-trail --name", text);
        Assert.DoesNotContain("<!channel>", report.GetRawText());
        Assert.Empty(app.Slack.Bodies());
    }
}
