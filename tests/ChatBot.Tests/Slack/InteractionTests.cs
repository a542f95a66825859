using ChatBot.Slack.Ingress;
using System.Net;
using System.Text.Json;
using ChatBot.Slack;

namespace ChatBot.Tests.Slack;

public class InteractionTests
{
    [Fact]
    public async Task A_click_on_a_link_button_is_acknowledged_with_an_empty_200_and_posts_nothing()
    {
        await using var app = new TestApp();
        var payload = JsonSerializer.Serialize(new
        {
            type = "block_actions",
            team = new { id = SignedRequests.Team },
            channel = new { id = SignedRequests.Channel },
            user = new { id = "U0ALICE" },
            actions = new[] { new { action_id = "open_cloudtrail_event", type = "button", block_id = "b1", action_ts = "1795168992.1" } },
        });
        using var response = await app.SendAsync(SignedRequests.Form(SlackEndpoints.InteractionsPath, new Dictionary<string, string> { ["payload"] = payload }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(app.Slack.Server.LogEntries);
    }

    [Fact]
    public async Task A_signed_interaction_without_a_payload_is_a_bad_request()
    {
        await using var app = new TestApp();
        using var response = await app.SendAsync(SignedRequests.Form(SlackEndpoints.InteractionsPath, new Dictionary<string, string> { ["nonsense"] = "1" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
