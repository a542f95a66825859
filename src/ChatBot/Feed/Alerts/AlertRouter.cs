using Microsoft.Extensions.Options;

namespace ChatBot.Feed.Alerts;

/// <summary>Which channel, if any, hears about a stop of an instance with these tags.</summary>
public sealed class AlertRouter(IOptions<FeedOptions> options)
{
    /// <summary>Sends the instance's alerts to this channel ID instead of WHOSTOPPED_ALERT_CHANNEL.</summary>
    public const string ChannelTag = "whostopped:alert-channel";

    /// <summary><c>off</c> silences the instance.</summary>
    public const string SwitchTag = "whostopped:alert";

    /// <returns>The channel ID, or null when alerts are off, the instance is silenced, or it matches none of
    /// WHOSTOPPED_ALERT_TAGS.</returns>
    public string? ChannelFor(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var feed = options.Value;
        if (!feed.AlertsOn || string.Equals(tags.GetValueOrDefault(SwitchTag)?.Trim(), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var filter = feed.AlertTagFilter;
        if (filter.Count > 0 && !filter.Any(pair => tags.TryGetValue(pair.Key, out var value) && value == pair.Value))
        {
            return null;
        }

        // A tag that is not a channel ID (a #name, a typo) must not lose the alert: it goes to the default channel.
        return tags.GetValueOrDefault(ChannelTag)?.Trim() is { } own && FeedOptions.IsChannelId(own) ? own : feed.AlertChannel!.Trim();
    }
}
