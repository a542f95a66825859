using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatBot.Tests.Support;

/// <summary>WireMock playing the Slack Web API (under /api/) and response_url (under /respond/).
/// By default every chat.postMessage and chat.update succeeds with <see cref="SummaryTs"/>.</summary>
internal sealed class FakeSlack : IDisposable
{
    public const string SummaryTs = "1795168992.000100";
    public const string PostMessagePath = "/api/chat.postMessage";
    public const string LookupByEmailPath = "/api/users.lookupByEmail";
    public const string UpdatePath = "/api/chat.update";
    private const int DefaultPriority = 100;

    public WireMockServer Server { get; } = WireMockServer.Start();

    public FakeSlack()
    {
        Server.Given(Request.Create().WithPath(PostMessagePath).UsingPost()).AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = true, channel = SignedRequests.Channel, ts = SummaryTs }));
        Server.Given(Request.Create().WithPath(UpdatePath).UsingPost()).AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = true, channel = SignedRequests.Channel, ts = SummaryTs }));
        Server.Given(Request.Create().WithPath("/respond/*").UsingPost()).AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));
    }

    public string ApiUrl => Server.Url + "/api/";

    public string ResponseUrl => Server.Url + "/respond/T0TEAM/1234/secret-hook-token";

    /// <summary>chat.postMessage answers with a Slack error, e.g. not_in_channel.</summary>
    public void FailPostsWith(string error) =>
        Server.Given(Request.Create().WithPath(PostMessagePath).UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = false, error }));

    /// <summary>Only the next chat.postMessage gets <paramref name="response"/>; later ones succeed.</summary>
    public void AnswerNextPostWith(IResponseBuilder response) =>
        Server.Given(Request.Create().WithPath(PostMessagePath).UsingPost()).AtPriority(1)
            .InScenario("next post").WillSetStateTo("answered").RespondWith(response);

    /// <summary>users.lookupByEmail knows <paramref name="email"/> as <paramref name="userId"/>; any other address is
    /// users_not_found (Slack's answer for someone outside the workspace).</summary>
    public void KnowsUser(string email, string userId)
    {
        Server.Given(Request.Create().WithPath(LookupByEmailPath).UsingPost()).AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = false, error = "users_not_found" }));
        Server.Given(Request.Create().WithPath(LookupByEmailPath).UsingPost().WithBody(b => b is not null && b.Contains("email=" + Uri.EscapeDataString(email), StringComparison.Ordinal)))
            .AtPriority(DefaultPriority - 1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ok = true, user = new { id = userId, name = "someone", profile = new { email } } }));
    }

    /// <summary>Every users.lookupByEmail gets <paramref name="response"/>.</summary>
    public void AnswerUserLookupsWith(IResponseBuilder response) =>
        Server.Given(Request.Create().WithPath(LookupByEmailPath).UsingPost()).AtPriority(1).RespondWith(response);

    /// <summary>The form bodies of the users.lookupByEmail requests, in arrival order.</summary>
    public IReadOnlyList<string> UserLookups() =>
        Server.LogEntries.Where(e => e.RequestMessage.Path == LookupByEmailPath).OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => e.RequestMessage.Body ?? "").ToList();

    /// <summary>Every chat.postMessage request with Slack's answer to it, in arrival order.</summary>
    public IReadOnlyList<ILogEntry> PostAttempts() =>
        Server.LogEntries.Where(e => e.RequestMessage.Path == PostMessagePath).OrderBy(e => e.RequestMessage.DateTime).ToList();

    /// <summary>Bodies of the requests that reached <paramref name="path"/>, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Bodies(string path = PostMessagePath) =>
        Server.LogEntries
            .Where(e => e.RequestMessage.Path == path || (path.EndsWith('*') && e.RequestMessage.Path.StartsWith(path.TrimEnd('*'), StringComparison.Ordinal)))
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body ?? "{}").RootElement.Clone())
            .ToList();

    /// <summary>Polls until at least <paramref name="count"/> requests reached <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(int count, string path = PostMessagePath, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Bodies(path).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} request(s) to {path}, got {Bodies(path).Count}");
            await Task.Delay(20);
        }

        return Bodies(path);
    }

    /// <summary>Waits for a first post, checks it is the only one and went into the thread <paramref name="threadTs"/>,
    /// and returns its text.</summary>
    public async Task<string> OnlyReplyAsync(string threadTs)
    {
        var post = Assert.Single(await WaitForAsync(1));
        Assert.Equal(threadTs, post.GetProperty("thread_ts").GetString());
        return post.GetProperty("text").GetString()!;
    }

    public void Dispose() => Server.Stop();
}
