using ChatBot.Slack.Ingress;
using System.Net;
using System.Text.Json;
using ChatBot.Slack;

namespace ChatBot.Tests.Slack;

public class SlackRequestSecurityTests
{
    private const string Id = SampleFindings.Id;

    [Fact]
    public async Task A_correctly_signed_command_is_acknowledged_and_answered()
    {
        await using var app = new TestApp();
        using var response = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.Slack.WaitForAsync(1);
    }

    [Fact]
    public async Task A_wrong_signature_gets_401_with_no_body_and_nothing_is_investigated()
    {
        await using var app = new TestApp();
        var request = SignedRequests.Command(Id, app.Slack.ResponseUrl);
        request.Headers.Remove(SlackSignature.SignatureHeader);
        request.Headers.Add(SlackSignature.SignatureHeader, "v0=" + new string('0', 64));

        using var response = await app.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await AssertNothingElseHappenedAsync(app);
    }

    [Fact]
    public async Task A_request_signed_with_another_secret_gets_401()
    {
        await using var app = new TestApp();
        var body = JsonSerializer.Serialize(new { type = "url_verification", challenge = "abc" });
        using var response = await app.SendAsync(SignedRequests.Json(SlackEndpoints.EventsPath, body, secret: "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_stale_signature_gets_401_and_nothing_is_investigated()
    {
        await using var app = new TestApp();
        var fields = new Dictionary<string, string> { ["command"] = "/whostopped", ["text"] = Id, ["channel_id"] = SignedRequests.Channel, ["team_id"] = SignedRequests.Team };
        using var response = await app.SendAsync(SignedRequests.Form(SlackEndpoints.CommandsPath, fields, DateTimeOffset.UtcNow.AddMinutes(-6)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingElseHappenedAsync(app);
    }

    [Fact]
    public async Task An_unsigned_event_gets_401()
    {
        await using var app = new TestApp();
        using var client = app.CreateClient();
        using var response = await client.PostAsync(SlackEndpoints.EventsPath, new StringContent("""{"type":"url_verification","challenge":"abc"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_64_KiB_gets_413()
    {
        await using var app = new TestApp();
        var huge = JsonSerializer.Serialize(new { type = "url_verification", challenge = new string('a', 70_000) });
        using var response = await app.SendAsync(SignedRequests.Json(SlackEndpoints.EventsPath, huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        await using var app = new TestApp();
        var body = JsonSerializer.Serialize(new { token = "t", challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type = "url_verification" });
        using var response = await app.SendAsync(SignedRequests.Json(SlackEndpoints.EventsPath, body));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task A_workspace_or_channel_outside_the_allow_lists_is_refused_without_investigating()
    {
        await using var app = new TestApp(new Dictionary<string, string?>
        {
            ["WHOSTOPPED_ALLOWED_TEAMS"] = "T0TEAM, T0OTHER",
            ["WHOSTOPPED_ALLOWED_CHANNELS"] = SignedRequests.Channel,
        });

        using var otherTeam = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl, team: "T0STRANGER"));
        using var otherChannel = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl, channel: "C0RANDOM"));
        using var mention = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {Id}", "1.1"), "Ev1", team: "T0STRANGER"));

        Assert.Contains("not enabled", await otherTeam.Content.ReadAsStringAsync());
        Assert.Contains("not enabled", await otherChannel.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, mention.StatusCode);
        await AssertNothingElseHappenedAsync(app);
    }

    /// <summary>With one worker, work runs in order: once a later, good command is answered, anything the refused
    /// requests had queued would have run already.</summary>
    private static async Task AssertNothingElseHappenedAsync(TestApp app)
    {
        using var control = await app.SendAsync(SignedRequests.Command(Id, app.Slack.ResponseUrl));
        await app.Slack.WaitForAsync(1);
        Assert.Equal(1, app.Investigations);
        Assert.Single(app.Slack.Bodies(), b => !b.TryGetProperty("thread_ts", out _));
    }
}
