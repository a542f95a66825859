using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Investigation;

/// <summary>The fields of a CloudTrail record (the CloudTrailEvent JSON) that say who did what to which instance.</summary>
public sealed record TrailRecord
{
    public string? EventName { get; init; }
    public string? EventId { get; init; }
    public DateTimeOffset? EventTime { get; init; }
    public string? AwsRegion { get; init; }
    public string? SourceIpAddress { get; init; }
    public string? UserAgent { get; init; }
    public string? ErrorCode { get; init; }
    /// <summary>"true" when the call used console session credentials, whatever the browser's user agent.</summary>
    public string? SessionCredentialFromConsole { get; init; }
    public string? ErrorMessage { get; init; }
    public UserIdentity? UserIdentity { get; init; }
    public JsonElement? RequestParameters { get; init; }
    public JsonElement? ResponseElements { get; init; }
    public JsonElement? ServiceEventDetails { get; init; }

    public bool Succeeded => string.IsNullOrEmpty(ErrorCode);

    /// <summary>A dry run "fails" with DryRunOperation even when it would have been allowed; it changed nothing.</summary>
    public bool IsDryRun => ErrorCode is "Client.DryRunOperation" or "DryRunOperation";

    public bool Hibernated => Flag(RequestParameters, "hibernate");

    /// <summary>StopInstances with force: the instance got no chance to flush caches or shut down cleanly.</summary>
    public bool Forced => Flag(RequestParameters, "force");

    /// <summary>Every instance the call named: one StopInstances can stop many.</summary>
    public IReadOnlyList<string> InstanceIds =>
        ItemIds(RequestParameters).Concat(ItemIds(ResponseElements)).Concat(IdSet(ServiceEventDetails))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The instance's state before the call, from the response (null when the record does not say).</summary>
    public string? PreviousState(string instanceId) => Items(ResponseElements)
        .Where(i => string.Equals(Text(i, "instanceId"), instanceId, StringComparison.OrdinalIgnoreCase))
        .Select(i => i.TryGetProperty("previousState", out var state) ? Text(state, "name") : null)
        .FirstOrDefault();

    public static TrailRecord? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, TrailJson.Default.TrailRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> ItemIds(JsonElement? parent) => Items(parent).Select(i => Text(i, "instanceId")).OfType<string>();

    /// <summary>The objects under <c>instancesSet.items</c>, where EC2 calls list instances in requests and responses.</summary>
    private static IEnumerable<JsonElement> Items(JsonElement? parent) =>
        parent is { ValueKind: JsonValueKind.Object } p
        && p.TryGetProperty("instancesSet", out var set) && set.ValueKind == JsonValueKind.Object
        && set.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // Service events such as BidEvictedEvent list instances under serviceEventDetails.instanceIdSet.
    private static IEnumerable<string> IdSet(JsonElement? parent) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("instanceIdSet", out var set) && set.ValueKind == JsonValueKind.Array
            ? set.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            : [];

    private static bool Flag(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}

public sealed record UserIdentity
{
    public string? Type { get; init; }
    public string? PrincipalId { get; init; }
    public string? Arn { get; init; }
    public string? AccountId { get; init; }
    public string? AccessKeyId { get; init; }
    public string? UserName { get; init; }
    public string? InvokedBy { get; init; }
    public SessionContext? SessionContext { get; init; }
}

public sealed record SessionContext
{
    public string? SourceIdentity { get; init; }
    public SessionIssuer? SessionIssuer { get; init; }
    public SessionAttributes? Attributes { get; init; }
}

public sealed record SessionIssuer(string? Type, string? Arn, string? UserName);

public sealed record SessionAttributes(string? MfaAuthenticated, string? CreationDate);

[JsonSerializable(typeof(TrailRecord))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
internal sealed partial class TrailJson : JsonSerializerContext;
