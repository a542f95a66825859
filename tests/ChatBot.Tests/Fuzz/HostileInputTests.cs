using ChatBot.Slack.Ingress;
using System.Net;
using System.Text;
using System.Text.Json;
using ChatBot.Investigation;
using ChatBot.Slack;
using ChatBot.Slack.Answers;
using ChatBot.Tests.Slack;

namespace ChatBot.Tests.Fuzz;

/// <summary>The hostile inputs the fuzz test throws at random, each checked for the clear answer it should get.</summary>
public sealed class HostileInputTests : IAsyncDisposable
{
    private const string Id = SampleFindings.Id;
    private readonly TestApp app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static string Many(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"i-{i:x17}"));

    private async Task<string> EphemeralAsync(HttpRequestMessage request)
    {
        using var response = await app.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ephemeral", ack.GetProperty("response_type").GetString());
        return ack.GetProperty("text").GetString()!;
    }

    /// <summary>Chunked requests carry no Content-Length, so the cap must hold while reading too.</summary>
    private sealed class UnknownLengthContent(byte[] body) : ByteArrayContent(body)
    {
        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    [Theory]
    [InlineData(SlackEndpoints.CommandsPath, true)]
    [InlineData(SlackEndpoints.EventsPath, false)]
    [InlineData(SlackEndpoints.InteractionsPath, true)]
    public async Task A_body_over_64_KiB_gets_413_signed_or_not_with_or_without_a_length(string path, bool chunked)
    {
        var huge = Encoding.UTF8.GetBytes("text=" + new string('a', SlackRequestFilter.MaxBodyBytes));
        var signed = SignedRequests.Form(path, new Dictionary<string, string> { ["text"] = new string('a', SlackRequestFilter.MaxBodyBytes) });
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, path) { Content = chunked ? new UnknownLengthContent(huge) : new ByteArrayContent(huge) };

        using var signedResponse = await app.SendAsync(signed);
        using var unsignedResponse = await app.SendAsync(unsigned);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, signedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, unsignedResponse.StatusCode);
        Assert.Empty(app.Aws.Server.LogEntries);
    }

    [Fact]
    public async Task Hundreds_of_ids_in_a_command_get_an_ephemeral_answer_naming_the_limit_and_nothing_is_asked()
    {
        var text = await EphemeralAsync(SignedRequests.Command(Many(300), app.Slack.ResponseUrl));

        Assert.Equal("That's 300 instances; ask about at most 50 at a time.", text);
        Assert.Empty(app.Aws.Server.LogEntries);
        Assert.Empty(app.Slack.Server.LogEntries);
    }

    [Fact]
    public async Task Hundreds_of_ids_in_a_mention_get_a_reply_in_its_thread_naming_the_limit()
    {
        using var response = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> who stopped {Many(400)}?", "7.1"), "EvMany"));

        Assert.Contains("400 instances; ask about at most 50", await app.Slack.OnlyReplyAsync("7.1"));
        Assert.Empty(app.Aws.Server.LogEntries);
    }

    [Fact]
    public async Task A_very_long_command_text_gets_a_short_answer_that_still_says_what_is_expected()
    {
        var words = string.Join(' ', Enumerable.Range(0, 4000).Select(i => $"word{i}"));

        var text = await EphemeralAsync(SignedRequests.Command(words, app.Slack.ResponseUrl));

        Assert.InRange(text.Length, 1, Mrkdwn.MaxSectionText);
        Assert.StartsWith("`word0`, `word1`, `word2`, `word3`, `word4` and 3995 more: not an instance ID.", text);
        Assert.EndsWith($"Expected {InstanceId.ExpectedForm}.", text);
    }

    [Fact]
    public async Task Unicode_tokens_are_named_back_visibly_and_cannot_reorder_or_hide_the_answer()
    {
        var text = await EphemeralAsync(SignedRequests.Command("i-0123456789abcdef0\u202E 👩‍💻 nul\0here שלום", app.Slack.ResponseUrl));

        Assert.Equal($"`i-0123456789abcdef0\uFFFD`, `👩\uFFFD💻`, `nul\uFFFDhere`, `שלום`: not an instance ID. Expected {InstanceId.ExpectedForm}.", text);
    }

    [Fact]
    public async Task A_mention_full_of_unicode_and_filler_around_an_id_is_answered_in_its_thread()
    {
        var noise = "👩‍💻 \u202Eשלום\u202C \0 " + new string('x', 25_000);
        using var response = await app.SendAsync(SignedRequests.Event(SignedRequests.Mention($"<@U0BOT> {noise} who stopped {Id}? {noise}", "8.1"), "EvNoise"));

        var posts = await app.Slack.WaitForAsync(2);
        Assert.All(posts, p => Assert.Equal("8.1", p.GetProperty("thread_ts").GetString()));
        Assert.Contains("alice@example.com", posts[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"type":"event_callback","event_id":"EvA","event":{"type":"app_mention","user":"U1","text":"i-0123456789abcdef0","ts":"1.1","channel":"C1"},"authorizations":[null]}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"event_callback","event_id":"EvB","event":{"type":null,"user":null},"authorizations":null}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"event_callback","event_id":12,"event":"app_mention"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":["event_callback"]}""", HttpStatusCode.BadRequest)]
    [InlineData("""null""", HttpStatusCode.BadRequest)]
    public async Task Signed_events_with_nulls_and_wrong_types_are_ignored_or_refused(string json, HttpStatusCode expected)
    {
        using var response = await app.SendAsync(SignedRequests.Json(SlackEndpoints.EventsPath, json));
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"block_actions","actions":null}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"block_actions","actions":[null,{"action_id":null}]}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"block_actions","actions":{"action_id":"x"}}""", HttpStatusCode.BadRequest)]
    public async Task Signed_interactions_with_nulls_and_wrong_types_are_ignored_or_refused(string payload, HttpStatusCode expected)
    {
        using var response = await app.SendAsync(SignedRequests.Form(SlackEndpoints.InteractionsPath, new Dictionary<string, string> { ["payload"] = payload }));
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(SlackEndpoints.CommandsPath)]
    [InlineData(SlackEndpoints.InteractionsPath)]
    public async Task A_form_with_thousands_of_fields_or_a_huge_key_is_a_bad_request(string path)
    {
        var fields = Enumerable.Range(0, 1100).ToDictionary(i => $"f{i}", _ => "1");
        using var many = await app.SendAsync(SignedRequests.Form(path, fields));
        using var longKey = await app.SendAsync(SignedRequests.Form(path, new Dictionary<string, string> { [new string('k', 3000)] = "v" }));

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longKey.StatusCode);
    }
}
