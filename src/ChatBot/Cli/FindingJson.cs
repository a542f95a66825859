using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Investigation;
using ChatBot.Wording;

namespace ChatBot.Cli;

/// <summary>The JSON form of findings, the CLI's documented contract: camelCase, times as ISO 8601 UTC with a Z, and
/// every field in its place whatever shape the engine's record takes.</summary>
public static class FindingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new UtcTime() },
    };

    public static string Serialize(IReadOnlyList<Finding> findings) => JsonSerializer.Serialize(findings.Select(Of), Options);

    private static Item Of(Finding f) => new(
        f.InstanceId, f.Account, f.Region, f.Found, f.State, f.StateReasonCode, f.StateReasonMessage, f.StoppedAt, f.InstanceName,
        f.Tags, f.InstanceType, f.AvailabilityZone, f.LaunchTime, f.SchedulerLastAction, f.Cause, Explanation.Of(f),
        f.Stop?.Actor, f.Stop?.EventId, f.Stop?.EventName, f.Stop?.EventTime, f.Stop?.SourceIp, f.Stop?.UserAgent, f.Stop?.Via,
        f.AlsoStopped, f.RunningAgain, Change(f.LastStart), [.. f.History.Select(Change)], [.. f.DeniedAttempts.Select(Change)],
        f.Links, f.Source, f.ArchiveScannedBytes, ProblemText.Error(f), [.. f.Unsearched.Select(ProblemText.Of)]);

    private static ChangeItem? Change(StateChange? c) =>
        c is null ? null : new(c.EventName, c.EventTime, c.Actor, c.Via, c.EventId, c.SourceIp, c.ErrorCode);

    private sealed record Item(
        string InstanceId, FindingAccount? Account, string? Region, bool Found, string? State, string? StateReasonCode,
        string? StateReasonMessage, DateTimeOffset? StoppedAt, string? InstanceName, IReadOnlyDictionary<string, string> Tags,
        string? InstanceType, string? AvailabilityZone, DateTimeOffset? LaunchTime, string? SchedulerLastAction, StopCause Cause,
        string Explanation, Actor? StoppedBy, string? EventId, string? EventName, DateTimeOffset? EventTime, string? SourceIp,
        string? UserAgent, string? Via, IReadOnlyList<string> AlsoStopped, bool RunningAgain, ChangeItem? LastStart,
        IReadOnlyList<ChangeItem?> History, IReadOnlyList<ChangeItem?> DeniedAttempts, ConsoleLinks Links, StopSource? Source,
        long? ArchiveScannedBytes, string? Error, IReadOnlyList<string> Unsearched);

    private sealed record ChangeItem(string EventName, DateTimeOffset EventTime, Actor Actor, string? Via, string EventId, string? SourceIp, string? ErrorCode);

    private sealed class UtcTime : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
