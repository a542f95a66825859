using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;

namespace ChatBot.Investigation;

/// <summary>What CloudTrail says about one instance: the latest successful stop and the calls around it.</summary>
/// <param name="Truncated">The page bound was reached before a stop or the end of the 90 days.</param>
public sealed record EventTrail(TrailEntry? LastStop, IReadOnlyList<TrailEntry> History, IReadOnlyList<TrailEntry> Denied, bool Truncated = false)
{
    public static EventTrail Empty { get; } = new(null, [], []);

    public bool IsEmpty => LastStop is null && History.Count == 0 && Denied.Count == 0;
}

/// <summary>A LookupEvents result with its record parsed.</summary>
public sealed record TrailEntry(TrailEvent Event, TrailRecord Record)
{
    public bool IsStop => Event.EventName is "StopInstances" or "TerminateInstances" or "BidEvictedEvent";
}

/// <summary>Pages through LookupEvents, newest first, until the latest successful stop is found or the page bound is hit.</summary>
public sealed class EventSearch(ICloudTrail cloudTrail, TimeProvider time)
{
    private static readonly HashSet<string> StateChanges =
        ["StartInstances", "StopInstances", "RebootInstances", "TerminateInstances", "BidEvictedEvent"];

    /// <summary>CloudTrail event history keeps 90 days.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public async Task<EventTrail> SearchAsync(AwsAccount account, string region, string instanceId, int maxPages, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var history = new List<TrailEntry>();
        var denied = new List<TrailEntry>();
        string? token = null;
        for (var page = 0; page < maxPages; page++)
        {
            var result = await cloudTrail.LookupEventsAsync(account, region, new LookupQuery(instanceId, now - Window, now, token), ct);
            foreach (var entry in Relevant(result.Events, instanceId))
            {
                if (!entry.Record.Succeeded)
                {
                    denied.Add(entry);
                    continue;
                }

                history.Add(entry);
                if (entry.IsStop)
                {
                    return new EventTrail(entry, history, denied);
                }
            }

            token = result.NextToken;
            if (token is null)
            {
                return new EventTrail(null, history, denied);
            }
        }

        return new EventTrail(null, history, denied, Truncated: true);
    }

    /// <summary>The state changes that name the instance and changed something, parsed; in the order given.</summary>
    internal static IEnumerable<TrailEntry> Relevant(IEnumerable<TrailEvent> events, string instanceId) =>
        events.Where(e => StateChanges.Contains(e.EventName))
            .Select(e => TrailRecord.Parse(e.Record) is { } r ? new TrailEntry(e, r) : null)
            .OfType<TrailEntry>()
            .Where(e => !e.Record.IsDryRun && e.Record.InstanceIds.Contains(instanceId, StringComparer.OrdinalIgnoreCase))
            // Stopping an instance that was already stopped (a script or Terraform run again) changed nothing.
            .Where(e => !(e.IsStop && e.Record.PreviousState(instanceId) is "stopped" or "terminated"));
}
