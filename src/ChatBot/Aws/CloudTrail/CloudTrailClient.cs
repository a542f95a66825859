using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.CloudTrail;

/// <summary>LookupEvents over AWS JSON 1.1. Signing happens in the primary handler, so this class only speaks the protocol.</summary>
public sealed class CloudTrailClient(HttpClient http, IOptions<AwsOptions> options) : ICloudTrail
{
    /// <summary>The IAM action this client needs, and the name its calls are counted and reported under.</summary>
    public const string Action = "cloudtrail:LookupEvents";

    private const string Target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");

    public async Task<LookupPage> LookupEventsAsync(
        AwsAccount account, string region, LookupQuery query, CancellationToken cancellationToken)
    {
        var body = new LookupEventsRequest(
            [new LookupAttribute("ResourceName", query.ResourceName)],
            query.StartTime.ToUnixTimeSeconds(), query.EndTime.ToUnixTimeSeconds(), 50, query.NextToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, EndpointFor(region))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, CloudTrailJson.Default.LookupEventsRequest)),
        };
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.Add("X-Amz-Target", Target);
        request.Options.Set(new HttpRequestOptionsKey<string>(SigV4SigningHandler.RegionOptionKey), region);
        request.Options.Set(RateBudgetHandler.BudgetKey, $"{account.Name}/{region}");

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw AwsJsonError.From(response, bytes, Action);
        }

        var page = JsonSerializer.Deserialize(bytes, CloudTrailJson.Default.LookupEventsResponse)
            ?? throw new AwsCallException(Action, "InvalidResponse", "empty body");
        var events = (page.Events ?? [])
            .Where(e => e.EventId is not null && e.CloudTrailEvent is not null)
            .Select(e => new TrailEvent(e.EventId!, e.EventName ?? "", DateTimeOffset.FromUnixTimeMilliseconds((long)(e.EventTime * 1000)), e.CloudTrailEvent!))
            .ToList();
        return new LookupPage(events, string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken);
    }

    private Uri EndpointFor(string region) =>
        options.Value.EndpointFor(options.Value.CloudTrailEndpointUrl)
        ?? new Uri($"https://cloudtrail.{region}.{Partition.ForRegion(region).DnsSuffix}/");
}

internal sealed record LookupAttribute(string AttributeKey, string AttributeValue);

internal sealed record LookupEventsRequest(
    IReadOnlyList<LookupAttribute> LookupAttributes, long StartTime, long EndTime, int MaxResults,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken);

internal sealed record LookupEventsResponse(IReadOnlyList<LookupEventItem>? Events, string? NextToken);

internal sealed record LookupEventItem(string? EventId, string? EventName, double EventTime, string? CloudTrailEvent);

[JsonSerializable(typeof(LookupEventsRequest))]
[JsonSerializable(typeof(LookupEventsResponse))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
internal sealed partial class CloudTrailJson : JsonSerializerContext;
