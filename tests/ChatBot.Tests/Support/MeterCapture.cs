using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatBot.Telemetry;

namespace ChatBot.Tests.Support;

/// <summary>Measurements from one app's "whostopped" meter. Filtered by the app's meter factory,
/// so tests running in parallel in the same process do not see each other's numbers.</summary>
public sealed class MeterCapture : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();

    public MeterCapture(IMeterFactory scope)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WhoStoppedMetrics.Name && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        listener.Start();
    }

    /// <summary>The sum of an instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) => Matching(instrument, tags).Sum(m => m.Value);

    public int Count(string instrument, params (string Key, string Value)[] tags) => Matching(instrument, tags).Count();

    /// <summary>Waits (up to 10 s) for work recorded off the request path, such as an answer finishing in the background.</summary>
    public async Task<double> SumEventuallyAsync(double atLeast, string instrument, params (string Key, string Value)[] tags)
    {
        for (var i = 0; i < 200 && Sum(instrument, tags) < atLeast; i++)
        {
            await Task.Delay(50);
        }

        return Sum(instrument, tags);
    }

    public void Dispose() => listener.Dispose();

    private IEnumerable<Measurement> Matching(string instrument, (string Key, string Value)[] tags) => measurements
        .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value));

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, string?> Tags);
}
