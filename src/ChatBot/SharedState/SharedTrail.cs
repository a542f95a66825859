using System.Text.Json;
using ChatBot.Aws.CloudTrail;
using ChatBot.Investigation;

namespace ChatBot.SharedState;

/// <summary>An <see cref="EventTrail"/> as stored for other replicas: the raw LookupEvents results, parsed again on
/// the way out exactly as a search parses them.</summary>
internal static class SharedTrail
{
    public static string Write(EventTrail trail) => JsonSerializer.Serialize(new Stored(
        trail.LastStop?.Event, [.. trail.History.Select(e => e.Event)], [.. trail.Denied.Select(e => e.Event)], trail.Truncated));

    public static EventTrail Read(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new JsonException("An empty shared search result");
        var history = Entries(stored.History);
        var lastStop = stored.LastStop is { } stop ? history.LastOrDefault(e => e.Event.EventId == stop.EventId) : null;
        return new EventTrail(lastStop, history, Entries(stored.Denied), stored.Truncated);
    }

    private static List<TrailEntry> Entries(IEnumerable<TrailEvent> events) =>
        [.. events.Select(e => TrailRecord.Parse(e.Record) is { } record ? new TrailEntry(e, record) : null).OfType<TrailEntry>()];

    private sealed record Stored(TrailEvent? LastStop, TrailEvent[] History, TrailEvent[] Denied, bool Truncated);
}
