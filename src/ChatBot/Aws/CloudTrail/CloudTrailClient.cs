using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.CloudTrail;

/// <summary>CloudTrail over AWS JSON 1.1: LookupEvents for the engine, the trail's own settings for the doctor.
/// Signing happens in the primary handler, so this class only speaks the protocol.</summary>
public sealed class CloudTrailClient(HttpClient http, IOptions<AwsOptions> options) : ICloudTrail, ITrailSettings
{
    /// <summary>The IAM action LookupEvents needs, and the name its calls are counted and reported under.</summary>
    public const string Action = "cloudtrail:LookupEvents";

    public const string DescribeTrailsAction = "cloudtrail:DescribeTrails";
    public const string GetTrailStatusAction = "cloudtrail:GetTrailStatus";
    public const string GetEventSelectorsAction = "cloudtrail:GetEventSelectors";

    private const string TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";

    public async Task<LookupPage> LookupEventsAsync(
        AwsAccount account, string region, LookupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(query);
        var body = new LookupEventsRequest(
            [new LookupAttribute("ResourceName", query.ResourceName)],
            query.StartTime.ToUnixTimeSeconds(), query.EndTime.ToUnixTimeSeconds(), 50, query.NextToken);
        var call = Call("LookupEvents", Action, account, region) with { BudgetKey = RateBudgets.Key(account, region) };
        var page = await AwsJson11.SendAsync(http, call, body, CloudTrailJson.Default.LookupEventsRequest, CloudTrailJson.Default.LookupEventsResponse, cancellationToken);
        var events = (page.Events ?? [])
            .Where(e => e.EventId is not null && e.CloudTrailEvent is not null)
            .Select(e => new TrailEvent(e.EventId!, e.EventName ?? "", DateTimeOffset.FromUnixTimeMilliseconds((long)(e.EventTime * 1000)), e.CloudTrailEvent!))
            .ToList();
        return new LookupPage(events, string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken);
    }

    public async Task<IReadOnlyList<Trail>> DescribeTrailsAsync(AwsAccount account, string region, CancellationToken cancellationToken)
    {
        // Shadow trails are multi-region and organisation trails seen from a region that is not their home.
        var response = await AwsJson11.SendAsync(http, Call("DescribeTrails", DescribeTrailsAction, account, region), new DescribeTrailsRequest(true),
            CloudTrailJson.Default.DescribeTrailsRequest, CloudTrailJson.Default.DescribeTrailsResponse, cancellationToken);
        return (response.TrailList ?? []).Where(t => t.TrailArn is not null).Select(t => t with { Name = t.Name ?? t.TrailArn! }).ToList();
    }

    public async Task<TrailStatus> GetTrailStatusAsync(AwsAccount account, string region, string trailArn, CancellationToken cancellationToken) =>
        await AwsJson11.SendAsync(http, Call("GetTrailStatus", GetTrailStatusAction, account, region), new GetTrailStatusRequest(trailArn),
            CloudTrailJson.Default.GetTrailStatusRequest, CloudTrailJson.Default.TrailStatus, cancellationToken);

    public async Task<TrailSelectors> GetEventSelectorsAsync(AwsAccount account, string region, string trailArn, CancellationToken cancellationToken) =>
        await AwsJson11.SendAsync(http, Call("GetEventSelectors", GetEventSelectorsAction, account, region), new GetEventSelectorsRequest(trailArn),
            CloudTrailJson.Default.GetEventSelectorsRequest, CloudTrailJson.Default.TrailSelectors, cancellationToken);

    private AwsJsonCall Call(string operation, string action, AwsAccount account, string region) =>
        new(AwsJson11.Endpoint(options.Value, options.Value.CloudTrailEndpointUrl, "cloudtrail", region), TargetPrefix + operation, action, region)
        {
            Account = account,
        };
}

internal sealed record LookupAttribute(string AttributeKey, string AttributeValue);

internal sealed record LookupEventsRequest(
    IReadOnlyList<LookupAttribute> LookupAttributes, long StartTime, long EndTime, int MaxResults,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken);

internal sealed record LookupEventsResponse(IReadOnlyList<LookupEventItem>? Events, string? NextToken);

internal sealed record LookupEventItem(string? EventId, string? EventName, double EventTime, string? CloudTrailEvent);

internal sealed record DescribeTrailsRequest([property: JsonPropertyName("includeShadowTrails")] bool IncludeShadowTrails);

internal sealed record DescribeTrailsResponse([property: JsonPropertyName("trailList")] IReadOnlyList<Trail>? TrailList);

internal sealed record GetTrailStatusRequest(string Name);

internal sealed record GetEventSelectorsRequest(string TrailName);

[JsonSerializable(typeof(LookupEventsRequest))]
[JsonSerializable(typeof(LookupEventsResponse))]
[JsonSerializable(typeof(DescribeTrailsRequest))]
[JsonSerializable(typeof(DescribeTrailsResponse))]
[JsonSerializable(typeof(GetTrailStatusRequest))]
[JsonSerializable(typeof(TrailStatus))]
[JsonSerializable(typeof(GetEventSelectorsRequest))]
[JsonSerializable(typeof(TrailSelectors))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
internal sealed partial class CloudTrailJson : JsonSerializerContext;
