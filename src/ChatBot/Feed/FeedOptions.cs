using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ChatBot.Feed;

/// <summary>The EventBridge feed and its alerts. Without a queue URL there is no feed; without an alert channel
/// there are no alerts (the feed still answers questions at once).</summary>
public sealed partial class FeedOptions : IValidatableObject
{
    public const string QueueUrlKey = "WHOSTOPPED_EVENTS_QUEUE_URL";
    public const string AlertChannelKey = "WHOSTOPPED_ALERT_CHANNEL";
    public const string AlertTagsKey = "WHOSTOPPED_ALERT_TAGS";

    /// <summary>The SQS queue the EventBridge rules feed (manifest/eventbridge.yaml).</summary>
    [ConfigurationKeyName(QueueUrlKey)]
    public string? QueueUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_SQS")]
    [Url]
    public string? SqsEndpointUrl { get; set; }

    /// <summary>The channel ID (C…, G…) alerts go to; unset turns alerts off.</summary>
    [ConfigurationKeyName(AlertChannelKey)]
    public string? AlertChannel { get; set; }

    /// <summary>Comma-separated key=value pairs: only instances carrying one of them are alerted on.</summary>
    [ConfigurationKeyName(AlertTagsKey)]
    public string? AlertTags { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(QueueUrl);

    public bool AlertsOn => !string.IsNullOrWhiteSpace(AlertChannel);

    public IReadOnlyList<KeyValuePair<string, string>> AlertTagFilter =>
        (AlertTags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && parts[0].Length > 0)
            .Select(parts => KeyValuePair.Create(parts[0], parts[1]))
            .ToList();

    /// <summary>The region the queue lives in, from its URL (https://sqs.eu-west-1.amazonaws.com/…); null when the
    /// URL does not say (an emulator's), and then the home region signs.</summary>
    public string? QueueRegion => QueueUrl is not null && Uri.TryCreate(QueueUrl, UriKind.Absolute, out var uri)
        && QueueHost().Match(uri.Host) is { Success: true } m ? m.Groups["region"].Value : null;

    public static bool IsChannelId(string? value) => value is not null && ChannelId().IsMatch(value);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (QueueUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            yield return new ValidationResult($"{QueueUrlKey} must be the queue's URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/whostopped-events.", [nameof(QueueUrl)]);
        }

        if (AlertChannel is { Length: > 0 } channel && !IsChannelId(channel))
        {
            yield return new ValidationResult($"{AlertChannelKey} must be a channel ID such as C0123456789 (not a #name).", [nameof(AlertChannel)]);
        }

        if (AlertTags is { Length: > 0 } && AlertTagFilter.Count == 0)
        {
            yield return new ValidationResult($"{AlertTagsKey} must be comma-separated key=value pairs, e.g. env=prod,team=payments.", [nameof(AlertTags)]);
        }
    }

    [GeneratedRegex(@"^(?:sqs\.(?<region>[a-z0-9-]+)|(?<region>[a-z]{2}(?:-[a-z]+)+-\d)\.queue)\.amazonaws\.com(?:\.cn)?$")]
    private static partial Regex QueueHost();

    [GeneratedRegex("^[CG][A-Z0-9]{6,}$")]
    private static partial Regex ChannelId();
}
