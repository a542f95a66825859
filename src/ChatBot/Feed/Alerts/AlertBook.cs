using ChatBot.Aws.Ec2;

namespace ChatBot.Feed.Alerts;

/// <summary>The alerts posted for recent stops, one per stop: the CloudTrail call and EC2's state changes of the same
/// stop find the same entry, and edit its message instead of posting another. In memory by default; a book shared by
/// replicas (Redis) can replace it, so that the replica that sees the second event edits the other's alert.</summary>
public interface IAlertBook
{
    /// <summary>Holds the stop's lock until disposed: its events are handled one at a time.</summary>
    Task<IAsyncDisposable> LockAsync(string key, CancellationToken cancellationToken);

    /// <summary>The alert about the stop that an event at <paramref name="eventTime"/> belongs to, if one is open.</summary>
    ValueTask<StopAlert?> FindAsync(string key, DateTimeOffset eventTime, CancellationToken cancellationToken);

    ValueTask<StopAlert> OpenAsync(string key, DateTimeOffset eventTime, Ec2Instance? instance, string? channel, CancellationToken cancellationToken);

    /// <summary>Keeps what was posted (ts, summary, thread), for the stop's next event.</summary>
    ValueTask SaveAsync(string key, StopAlert alert, CancellationToken cancellationToken);
}

/// <summary>The in-memory book: bounded in count and age.</summary>
public sealed class AlertBook(TimeProvider time, int capacity) : IAlertBook
{
    /// <summary>Events further apart than this are two stops (EC2 takes minutes at most to stop an instance).</summary>
    public static readonly TimeSpan SameStop = TimeSpan.FromMinutes(15);

    /// <summary>Long after every event of a stop has arrived.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(2);

    public const int DefaultCapacity = 10_000;

    // Striped: events of one instance are handled one at a time, with a fixed number of locks whatever the traffic.
    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly Lock gate = new();
    private readonly Dictionary<string, StopAlert> alerts = new(StringComparer.Ordinal);

    public AlertBook(TimeProvider time)
        : this(time, DefaultCapacity)
    {
    }

    internal int Count
    {
        get
        {
            lock (gate)
            {
                return alerts.Count;
            }
        }
    }

    public async Task<IAsyncDisposable> LockAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(stripe);
    }

    public ValueTask<StopAlert?> FindAsync(string key, DateTimeOffset eventTime, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(alerts.TryGetValue(key, out var alert) && IsOpenFor(alert, eventTime, time) ? alert : null);
        }
    }

    /// <summary>Whether an event at <paramref name="eventTime"/> belongs to the stop <paramref name="alert"/> is about.</summary>
    public static bool IsOpenFor(StopAlert alert, DateTimeOffset eventTime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(time);
        return (eventTime - alert.FirstEvent).Duration() <= SameStop && time.GetUtcNow() - alert.Opened <= Memory;
    }

    public ValueTask<StopAlert> OpenAsync(string key, DateTimeOffset eventTime, Ec2Instance? instance, string? channel, CancellationToken cancellationToken)
    {
        var alert = new StopAlert(eventTime, time.GetUtcNow(), instance, channel);
        Keep(key, alert);
        return ValueTask.FromResult(alert);
    }

    public ValueTask SaveAsync(string key, StopAlert alert, CancellationToken cancellationToken)
    {
        Keep(key, alert);
        return ValueTask.CompletedTask;
    }

    /// <summary>Stores (or replaces) the alert under its key, within the cap.</summary>
    public void Keep(string key, StopAlert alert)
    {
        lock (gate)
        {
            alerts[key] = alert;
            if (alerts.Count > capacity)
            {
                var now = time.GetUtcNow();
                var doomed = alerts.Where(a => now - a.Value.Opened > Memory).Select(a => a.Key).ToList();
                // Nothing old enough: the oldest tenth goes, so the cap holds under any burst.
                if (doomed.Count == 0)
                {
                    doomed = [.. alerts.OrderBy(a => a.Value.Opened).Take(capacity / 10 + 1).Select(a => a.Key)];
                }

                doomed.ForEach(k => alerts.Remove(k));
            }
        }
    }

    private sealed class Release(SemaphoreSlim stripe) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                stripe.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>One stop's alert. Changed only under the instance's lock.</summary>
/// <param name="Channel">Where it goes; null when the instance is silenced or not among the alerted ones.</param>
public sealed record StopAlert(DateTimeOffset FirstEvent, DateTimeOffset Opened, Ec2Instance? Instance, string? Channel)
{
    /// <summary>The summary's ts once posted: the message chat.update edits.</summary>
    public string? Ts { get; set; }

    /// <summary>The summary as last posted (its JSON), to edit only when something changed.</summary>
    public string? PostedSummary { get; set; }

    public Investigation.Finding? PostedFinding { get; set; }

    public bool ThreadPosted { get; set; }
}
