using ChatBot.Telemetry;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBot.Slack.Answers;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Api;

/// <summary>chat.postMessage, chat.update and response_url over plain HTTP. The token travels per request, never in logs:
/// the named client has its loggers removed because response_url itself is a credential.</summary>
public sealed class SlackApiClient(
    IHttpClientFactory clients, IOptions<SlackOptions> options, SlackRetry retry, ILogger<SlackApiClient> log) : ISlackApi
{
    public const string HttpClientName = "slack";

    public Task<PostResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        var body = Body(channel, message);
        body["unfurl_links"] = false;
        body["unfurl_media"] = false;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        return CallAsync("chat.postMessage", channel, body, cancellationToken);
    }

    public Task<PostResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = Body(channel, message);
        body["ts"] = ts;
        return CallAsync("chat.update", channel, body, cancellationToken);
    }

    private static JsonObject Body(string channel, SlackMessage message) => new()
    {
        ["channel"] = channel,
        ["text"] = message.Text,
        ["blocks"] = System.Text.Json.JsonSerializer.SerializeToNode(message.Blocks, SlackJson.Options),
    };

    private async Task<PostResult> CallAsync(string method, string channel, JsonObject body, CancellationToken cancellationToken)
    {
        var uri = new Uri(options.Value.ApiBase, method);
        using var response = await retry.SendAsync(clients.CreateClient(HttpClientName), () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
            return request;
        }, method, cancellationToken);

        if (response is null)
        {
            return new PostResult(false, null, "no_response");
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            log.LogWarning("{Method} answered HTTP {Status}", method, (int)response.StatusCode);
            return new PostResult(false, null, $"http_{(int)response.StatusCode}");
        }

        var reply = await response.Content.ReadFromJsonAsync<ApiReply>(SlackJson.Options, cancellationToken);
        if (PostResult.IsTokenError(reply?.Error))
        {
            log.LogError("Slack refused the bot token ({Error}): nothing can be posted until SLACK_BOT_TOKEN is fixed. " +
                "Slash commands are still answered through their response_url", reply?.Error);
        }
        else if (reply is not { Ok: true })
        {
            log.LogWarning("{Method} to {Channel} failed: {Error}", method, channel, reply?.Error);
        }

        return new PostResult(reply?.Ok == true, reply?.Ts, reply?.Ok == true ? null : reply?.Error ?? "unreadable_reply");
    }

    public async Task<bool> RespondAsync(string responseUrl, SlackMessage message, ResponseVisibility visibility, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            log.LogWarning("A command arrived without a usable response_url");
            return false;
        }

        var body = new JsonObject
        {
            ["response_type"] = visibility == ResponseVisibility.Ephemeral ? "ephemeral" : "in_channel",
            ["replace_original"] = false,
            ["text"] = message.Text,
            ["blocks"] = System.Text.Json.JsonSerializer.SerializeToNode(message.Blocks, SlackJson.Options),
        };
        using var response = await retry.SendAsync(clients.CreateClient(HttpClientName),
            () => SecretUrl.Mark(new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) }), "response_url", cancellationToken);
        if (response is not { IsSuccessStatusCode: true })
        {
            log.LogWarning("Posting to the command's response_url failed: HTTP {Status}", (int?)response?.StatusCode);
        }

        return response is { IsSuccessStatusCode: true };
    }

    public async Task<UserLookup> LookupUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBase, "users.lookupByEmail"))
        {
            Content = new FormUrlEncodedContent([new("email", email)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return new UserLookup(null, UserLookup.RateLimited, response.Headers.RetryAfter?.Delta);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new UserLookup(null, $"http_{(int)response.StatusCode}");
            }

            var reply = await response.Content.ReadFromJsonAsync<LookupReply>(SlackJson.Options, cancellationToken);
            return reply is { Ok: true, User.Id: { } id } ? new UserLookup(id, null) : new UserLookup(null, reply?.Error ?? "unreadable_reply");
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new UserLookup(null, e is OperationCanceledException ? "timeout" : "no_response");
        }
    }

    private sealed record ApiReply(bool Ok, string? Error, string? Ts);

    private sealed record LookupReply(bool Ok, string? Error, LookupUser? User);

    private sealed record LookupUser(string? Id);
}
