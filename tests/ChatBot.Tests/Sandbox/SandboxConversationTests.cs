using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Aws;
using ChatBot.Investigation;
using ChatBot.Sandbox;
using ChatBot.Slack;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Api;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Sandbox;

/// <summary>The page's endpoints: questions reach the real Slack handlers and the answers are the renderer's payloads.</summary>
public sealed class SandboxConversationTests : IDisposable
{
    private readonly TestApp app = TestApp.Bare("Development", new Dictionary<string, string?>());
    private readonly HttpClient client;

    public SandboxConversationTests() => client = app.CreateClient();

    public void Dispose()
    {
        client.Dispose();
        app.Dispose();
    }

    [Fact]
    public void Slack_is_the_in_memory_channel_not_the_Web_API()
    {
        Assert.IsType<SandboxSlack>(app.Services.GetRequiredService<ISlackApi>());
    }

    [Fact]
    public async Task A_slash_command_is_acknowledged_privately_then_answered_with_exactly_the_Block_Kit_the_bot_sends_to_Slack()
    {
        const string id = "i-055b86098cda5247b";
        await Ask("/whostopped " + id);

        var posts = await WaitForAsync(p => p.Any(IsThreadReply));
        var ack = posts.Single(p => IsBot(p) && p.Ephemeral);
        Assert.Contains("Looking up", Text(ack));
        var summary = posts.Single(p => IsBot(p) && !p.Ephemeral && p.ThreadTs is null);
        var finding = (await app.Services.GetRequiredService<IInvestigator>()
            .InvestigateAsync(new Question(AwsAccount.Default, [id]), CancellationToken.None)).Single();
        var expected = SlackAnswer.Render(finding);
        Assert.Equal(JsonSerializer.SerializeToNode(expected.Summary.Blocks, SlackJson.Options)!.ToJsonString(), summary.Payload["blocks"]?.ToJsonString());
        Assert.All(posts.Where(IsThreadReply), r => Assert.Equal(summary.Ts, r.ThreadTs));
        Assert.Equal(expected.Thread.Count, posts.Count(IsThreadReply));
    }

    [Fact]
    public async Task A_mention_in_a_thread_is_delivered_as_an_app_mention_and_answered_in_that_thread()
    {
        var parent = await Ask("incident: checkout is down");
        await Ask("@whostopped who stopped i-0dd6f50f33595377d?", parent);

        var posts = await WaitForAsync(p => p.Any(x => IsBot(x) && x.ThreadTs == parent));
        Assert.Contains("Spot", Text(posts.First(x => IsBot(x) && x.ThreadTs == parent)));
        Assert.Contains(posts, p => Text(p) == "<@U0WHOSTOPPED> who stopped i-0dd6f50f33595377d?");
    }

    [Fact]
    public async Task A_message_without_a_mention_gets_no_answer_and_an_empty_question_is_refused()
    {
        await Ask("just chatting about i-0dd6f50f33595377d");
        await Task.Delay(300);
        Assert.DoesNotContain(await Posts(), IsBot);

        using var empty = await client.PostAsJsonAsync(new Uri("/sandbox/ask", UriKind.Relative), new { text = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task The_canned_alarm_is_posted_once_and_its_shortcut_answers_each_instance_it_names_in_its_thread()
    {
        var alarm = await PostAlarmAsync();
        Assert.Equal(alarm, await PostAlarmAsync());
        var named = InstanceIdsIn((await Posts()).Single(p => p.Ts == alarm));
        Assert.Equal(2, named.Count);

        using var response = await client.PostAsJsonAsync(new Uri("/sandbox/shortcut", UriKind.Relative), new { ts = alarm });
        response.EnsureSuccessStatusCode();

        var posts = await WaitForAsync(p => named.All(id => p.Any(x => IsBot(x) && x.ThreadTs == alarm && Text(x)!.Contains(id, StringComparison.Ordinal))));
        Assert.DoesNotContain(posts, p => IsBot(p) && p.ThreadTs is null);
    }

    [Fact]
    public async Task The_shortcut_on_a_message_without_ids_says_so_only_to_the_asker()
    {
        var chatter = await Ask("deploy finished, all green");

        using var response = await client.PostAsJsonAsync(new Uri("/sandbox/shortcut", UriKind.Relative), new { ts = chatter });
        response.EnsureSuccessStatusCode();

        var reply = (await WaitForAsync(p => p.Any(IsBot))).Single(IsBot);
        Assert.True(reply.Ephemeral);
        Assert.Contains("no EC2 instance IDs", Text(reply));
    }

    private async Task<string> PostAlarmAsync()
    {
        using var response = await client.PostAsync(new Uri("/sandbox/alarm", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["ts"]!.GetValue<string>();
    }

    private static List<string> InstanceIdsIn(Post post) =>
        ChatBot.Slack.Inbound.MessageInstanceIds.In(JsonSerializer.SerializeToElement(post.Payload)).ToList();

    private static bool IsBot(Post post) => post.User == SandboxChannel.BotUserId;

    private static bool IsThreadReply(Post post) => IsBot(post) && post.ThreadTs is not null;

    private static string? Text(Post post) => post.Payload["text"]?.GetValue<string>();

    private async Task<string> Ask(string text, string? threadTs = null)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/sandbox/ask", UriKind.Relative), new { text, threadTs });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["ts"]!.GetValue<string>();
    }

    private async Task<List<Post>> Posts() =>
        (await client.GetFromJsonAsync<List<Post>>(new Uri("/sandbox/messages?after=0", UriKind.Relative)))!;

    private async Task<List<Post>> WaitForAsync(Func<List<Post>, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var posts = await Posts();
            if (done(posts))
            {
                return posts;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The sandbox did not answer within 10 s.");
    }

    private sealed record Post(int Sequence, string Ts, string? ThreadTs, string User, bool Ephemeral, JsonObject Payload);
}
