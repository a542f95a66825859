using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime.Signing;
using ChatBot.Aws.Accounts;
using ChatBot.Telemetry;

namespace ChatBot.Aws;

/// <summary>One AWS JSON 1.1 operation: where it goes, its X-Amz-Target, the IAM action it needs, the region that signs it,
/// the rate budget it spends (null: none of ours), and the account whose credentials sign it (null: the bot's own).</summary>
public sealed record AwsJsonCall(Uri Endpoint, string Target, string Action, string Region, string? BudgetKey = null, AwsAccount? Account = null);

/// <summary>The AWS JSON 1.1 protocol that CloudTrail and Athena both speak, over an HttpClient whose primary handler signs.
/// Errors become <see cref="AwsCallException"/> naming the IAM action.</summary>
public static class AwsJson11
{
    private static readonly HttpRequestOptionsKey<string> RegionKey = new(SigV4SigningHandler.RegionOptionKey);
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-amz-json-1.1");

    public static async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpClient http, AwsJsonCall call, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(call);
        using var request = new HttpRequestMessage(HttpMethod.Post, call.Endpoint)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType)),
        };
        request.Content.Headers.ContentType = ContentType;
        request.Headers.Add("X-Amz-Target", call.Target);
        request.Options.Set(RegionKey, call.Region);
        request.Options.Set(AwsCallHandler.ActionKey, call.Action);
        if (call.Account is { } account)
        {
            request.Options.Set(AccountSigningHandler.AccountKey, account);
        }

        if (call.BudgetKey is { } budget)
        {
            request.Options.Set(RateBudgetHandler.BudgetKey, budget);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw AwsJsonError.From(response, bytes, call.Action);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, responseType) ?? throw new AwsCallException(call.Action, "InvalidResponse", "empty body");
        }
        catch (JsonException e)
        {
            throw new AwsCallException(call.Action, "InvalidResponse", e.Message);
        }
    }

    /// <summary>The endpoint a service is reached at: the override variables first, else the regional public endpoint.</summary>
    public static Uri Endpoint(AwsOptions options, string? serviceSpecificUrl, string service, string region)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.EndpointFor(serviceSpecificUrl) ?? new Uri($"https://{service}.{region}.{Partition.ForRegion(region).DnsSuffix}/");
    }
}
