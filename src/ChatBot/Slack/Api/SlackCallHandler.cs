using System.Text.Json;
using ChatBot.Slack;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Api;

/// <summary>Counts every Slack call attempt by Web API method (or "response_url") and outcome. Sits on the Slack
/// HttpClient, inside the retry loop, so each 429 is counted. Never records the URL: a response_url is a credential.</summary>
public sealed class SlackCallHandler(WhoStoppedMetrics metrics, IOptions<SlackOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var api = options.Value.ApiBase;
        var uri = request.RequestUri!;
        var isWebApi = api.IsBaseOf(uri);
        var method = isWebApi ? api.MakeRelativeUri(uri).OriginalString.Split('?')[0] : "response_url";
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            metrics.SlackCall(method, e is HttpRequestException ? "network_error" : "cancelled");
            throw;
        }

        metrics.SlackCall(method, await OutcomeAsync(response, isWebApi, cancellationToken).ConfigureAwait(false));
        return response;
    }

    // The Web API answers 200 with {"ok":false,"error":"…"} for most failures, so the body decides.
    private static async Task<string> OutcomeAsync(HttpResponseMessage response, bool isWebApi, CancellationToken ct)
    {
        if ((int)response.StatusCode == 429)
        {
            return "rate_limited";
        }

        if (!response.IsSuccessStatusCode || !isWebApi)
        {
            return response.IsSuccessStatusCode ? "ok" : $"http_{(int)response.StatusCode}";
        }

        await response.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
            var root = body.RootElement;
            return root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True ? "ok"
                : root.TryGetProperty("error", out var error) && error.GetString() is { Length: > 0 and <= 64 } code ? code
                : "error";
        }
        catch (JsonException)
        {
            return "unreadable_reply";
        }
    }
}
