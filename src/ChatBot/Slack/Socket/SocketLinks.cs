using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatBot.Slack.Api;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Socket;

/// <summary>apps.connections.open: a fresh WebSocket URL for each connection, asked for with the app-level token.
/// The URL carries a one-time ticket, so it is never logged.</summary>
internal sealed class SocketLinks(IHttpClientFactory clients, IOptions<SlackOptions> options)
{
    public const string Method = "apps.connections.open";

    public async Task<Uri> OpenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBase, Method))
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AppToken);
        using var response = await clients.CreateClient(SlackApiClient.HttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new SocketLinkException($"{Method} is rate limited", response.Headers.RetryAfter?.Delta);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SocketLinkException($"{Method} answered HTTP {(int)response.StatusCode}", null);
        }

        var reply = await response.Content.ReadFromJsonAsync<OpenReply>(SlackJson.Options, cancellationToken);
        if (reply is not { Ok: true })
        {
            var fix = PostResult.IsTokenError(reply?.Error) || reply?.Error is "not_allowed_token_type" or "missing_scope"
                ? " (SLACK_APP_TOKEN must be the app-level xapp- token with connections:write, and Socket Mode must be on)"
                : "";
            throw new SocketLinkException($"{Method} refused: {reply?.Error ?? "unreadable reply"}{fix}", null);
        }

        return Uri.TryCreate(reply.Url, UriKind.Absolute, out var url) && url.Scheme is "wss" or "ws"
            ? url
            : throw new SocketLinkException($"{Method} gave no WebSocket URL", null);
    }

    private sealed record OpenReply(bool Ok, string? Error, string? Url);
}

/// <summary>Slack would not give a connection URL. <paramref name="RetryAfter"/> is Slack's wait on a rate limit.</summary>
internal sealed class SocketLinkException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
