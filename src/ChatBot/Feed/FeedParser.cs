using System.Globalization;
using System.Text.Json;
using ChatBot.Investigation;

namespace ChatBot.Feed;

/// <summary>EventBridge event JSON (an SQS message body) → <see cref="FeedEvent"/>. Pure: no I/O.</summary>
public static class FeedParser
{
    internal static readonly HashSet<string> Calls = ["StopInstances", "TerminateInstances", "StartInstances", "RebootInstances"];
    internal static readonly HashSet<string> States = ["stopping", "stopped", "shutting-down", "terminated"];

    /// <returns><see cref="FeedParse.Malformed"/> for a body that is not an EventBridge event (it goes to the
    /// dead-letter queue in the end); <see cref="FeedParse.Ignored"/> for a well-formed event the bot has no use
    /// for, such as a dry run or an instance starting.</returns>
    public static FeedParse Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            // Never e.Message: it quotes the offending text, which may be anything, a credential included.
            return FeedParse.Malformed($"not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine})");
        }
    }

    private static FeedParse Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || Text(root, "id") is not { Length: > 0 } id
            || Text(root, "detail-type") is not { } detailType
            || Text(root, "account") is not { Length: > 0 } account
            || Text(root, "region") is not { Length: > 0 } region
            || !root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return FeedParse.Malformed("not an EventBridge event (id, detail-type, account, region and detail are required)");
        }

        var time = Text(root, "time") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at : (DateTimeOffset?)null;
        return detailType switch
        {
            FeedEvent.ApiCallType => ApiCall(id, account, region, time, detail),
            FeedEvent.StateChangeType => Instance(id, FeedKind.StateChange, account, region, time, detail, "state"),
            FeedEvent.SpotWarningType => Instance(id, FeedKind.SpotWarning, account, region, time, detail, "instance-action"),
            _ => FeedParse.Ignore($"detail-type {detailType}"),
        };
    }

    private static FeedParse ApiCall(string id, string account, string region, DateTimeOffset? time, JsonElement detail)
    {
        var raw = detail.GetRawText();
        if (TrailRecord.Parse(raw) is not { EventId: { Length: > 0 } eventId, EventName: { } name } record)
        {
            return FeedParse.Malformed("a CloudTrail event without eventID or eventName");
        }

        if (!Calls.Contains(name) || record.IsDryRun)
        {
            return FeedParse.Ignore(record.IsDryRun ? $"dry run of {name}" : name);
        }

        var instances = record.InstanceIds;
        if (instances.Count == 0)
        {
            return FeedParse.Ignore($"{name} naming no instance");
        }

        return FeedParse.Event(new FeedEvent(id, FeedKind.ApiCall, account, region, record.EventTime ?? time ?? DateTimeOffset.UtcNow, instances)
        {
            EventName = name,
            TrailEventId = eventId,
            Record = raw,
            ErrorCode = string.IsNullOrEmpty(record.ErrorCode) ? null : record.ErrorCode,
        });
    }

    private static FeedParse Instance(string id, FeedKind kind, string account, string region, DateTimeOffset? time, JsonElement detail, string field)
    {
        if (Text(detail, "instance-id") is not { } instanceId || !InstanceId.IsValid(instanceId) || Text(detail, field) is not { Length: > 0 } value)
        {
            return FeedParse.Malformed($"{kind} without a valid instance-id and {field}");
        }

        if (kind == FeedKind.StateChange && !States.Contains(value))
        {
            return FeedParse.Ignore($"state {value}");
        }

        return time is null
            ? FeedParse.Malformed($"{kind} without a time")
            : FeedParse.Event(new FeedEvent(id, kind, account, region, time.Value, [instanceId.ToLowerInvariant()]) { State = value });
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>What a message body turned out to be.</summary>
/// <param name="Problem">Why it was malformed or ignored, for the log; never the body itself.</param>
public sealed record FeedParse(FeedEvent? Value, bool IsMalformed, string? Problem)
{
    public static FeedParse Event(FeedEvent value) => new(value, false, null);

    public static FeedParse Ignore(string why) => new(null, false, why);

    public static FeedParse Malformed(string why) => new(null, true, why);
}
