using System.Text.Json;
using ChatBot.Slack.Handlers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Manifest;

public class ManifestTests
{
    private const string SocketManifest = "slack-app-manifest.socket.json";

    private static JsonElement Manifest(string file = "slack-app-manifest.json")
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "manifest", file))).RootElement.Clone();
    }

    private static IEnumerable<string> ManifestUrls(JsonElement manifest)
    {
        foreach (var command in manifest.GetProperty("features").GetProperty("slash_commands").EnumerateArray())
        {
            yield return command.GetProperty("url").GetString()!;
        }

        var settings = manifest.GetProperty("settings");
        yield return settings.GetProperty("event_subscriptions").GetProperty("request_url").GetString()!;
        yield return settings.GetProperty("interactivity").GetProperty("request_url").GetString()!;
    }

    [Fact]
    public async Task Every_manifest_url_is_a_POST_route_the_app_maps()
    {
        await using var app = new TestApp();
        var posts = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet();

        var paths = ManifestUrls(Manifest()).Select(url => new Uri(url).AbsolutePath).ToList();

        Assert.Equal(3, paths.Count);
        Assert.All(paths, path => Assert.Contains(path, posts));
        Assert.Equal(posts.Where(p => p.StartsWith("/slack/", StringComparison.Ordinal)).Order(), paths.Order());
    }

    [Fact]
    public void The_manifest_declares_the_command_the_handlers_answer_with_a_usage_hint()
    {
        var command = Manifest().GetProperty("features").GetProperty("slash_commands")[0];
        Assert.Equal(WhoStoppedCommand.Name, command.GetProperty("command").GetString());
        Assert.Contains("i-", command.GetProperty("usage_hint").GetString());
    }

    [Fact]
    public void The_manifest_subscribes_to_the_events_the_handlers_answer_with_the_scopes_they_need()
    {
        var manifest = Manifest();
        var events = manifest.GetProperty("settings").GetProperty("event_subscriptions").GetProperty("bot_events")
            .EnumerateArray().Select(e => e.GetString()).ToList();
        var scopes = manifest.GetProperty("oauth_config").GetProperty("scopes").GetProperty("bot")
            .EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.Equal([ConversationQuestionHandler.AppMention, ConversationQuestionHandler.DirectMessage], events);
        Assert.Superset(new HashSet<string?> { "commands", "chat:write", "app_mentions:read", "im:history" }, scopes.ToHashSet());
        Assert.True(manifest.GetProperty("settings").GetProperty("interactivity").GetProperty("is_enabled").GetBoolean());
    }

    [Theory]
    [InlineData("slack-app-manifest.json")]
    [InlineData(SocketManifest)]
    public void The_manifest_offers_the_message_shortcut_and_the_scopes_to_mention_people(string file)
    {
        var manifest = Manifest(file);
        var shortcut = Assert.Single(manifest.GetProperty("features").GetProperty("shortcuts").EnumerateArray());
        var scopes = manifest.GetProperty("oauth_config").GetProperty("scopes").GetProperty("bot").EnumerateArray().Select(e => e.GetString()).ToHashSet();

        Assert.Equal("message", shortcut.GetProperty("type").GetString());
        Assert.Equal(WhoStoppedTheseShortcut.CallbackId, shortcut.GetProperty("callback_id").GetString());
        Assert.InRange(shortcut.GetProperty("name").GetString()!.Length, 1, 24);
        Assert.Superset(new HashSet<string?> { "users:read", "users:read.email" }, scopes);
    }

    [Fact]
    public void The_Socket_Mode_manifest_is_the_HTTP_one_with_Socket_Mode_on_and_no_request_urls()
    {
        var socket = Manifest(SocketManifest);
        var http = Manifest();

        Assert.True(socket.GetProperty("settings").GetProperty("socket_mode_enabled").GetBoolean());
        Assert.DoesNotContain("\"url\"", socket.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("request_url", socket.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(Scrubbed(http), Scrubbed(socket));
    }

    /// <summary>The manifest without what differs between the two ways of reaching the bot.</summary>
    private static string Scrubbed(JsonElement manifest)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(manifest.GetRawText())!;
        node["display_information"]!.AsObject().Remove("description");
        node["features"]!["slash_commands"]![0]!.AsObject().Remove("url");
        node["settings"]!["event_subscriptions"]!.AsObject().Remove("request_url");
        node["settings"]!["interactivity"]!.AsObject().Remove("request_url");
        node["settings"]!.AsObject().Remove("socket_mode_enabled");
        return node.ToJsonString();
    }
}
