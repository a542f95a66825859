using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatBot.Telemetry;

/// <summary>The bot's own instruments, on the Meter and ActivitySource named "whostopped". Inject it and record;
/// the OpenTelemetry SDK (see <see cref="TelemetryExtensions"/>) exports whatever is recorded.</summary>
public sealed class WhoStoppedMetrics
{
    public const string Name = "whostopped";

    /// <summary>Spans around work the bot does itself (an investigation, a reply), beside the HTTP spans.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> commands;
    private readonly Histogram<double> timeToAnswer;
    private readonly Counter<long> awsCalls;
    private readonly Counter<long> throttles;
    private readonly Counter<long> slackCalls;

    public WhoStoppedMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        commands = meter.CreateCounter<long>("whostopped.commands", "{command}", "Commands and mentions handled, by command and outcome.");
        timeToAnswer = meter.CreateHistogram<double>("whostopped.answer.duration", "s", "From receiving a question to posting its answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60] });
        awsCalls = meter.CreateCounter<long>("whostopped.aws.calls", "{call}", "AWS API calls (attempts), by IAM action and outcome.");
        throttles = meter.CreateCounter<long>("whostopped.aws.throttles", "{call}", "AWS API calls refused with a throttling error.");
        slackCalls = meter.CreateCounter<long>("whostopped.slack.calls", "{call}", "Slack Web API calls, by method and outcome.");
    }

    /// <param name="command">e.g. "/whostopped" or "app_mention".</param>
    /// <param name="outcome">"answered", "error", "rejected"… a small fixed set, never user text.</param>
    public void CommandHandled(string command, string outcome, TimeSpan timeToAnswer)
    {
        var tags = new TagList { { "command", command }, { "outcome", outcome } };
        commands.Add(1, tags);
        this.timeToAnswer.Record(timeToAnswer.TotalSeconds, tags);
    }

    /// <param name="operation">The IAM action, e.g. "cloudtrail:LookupEvents".</param>
    /// <param name="outcome">"ok", "throttled" or "error".</param>
    /// <param name="errorType">The AWS error code when there is one.</param>
    public void AwsCall(string operation, string outcome, string? errorType = null)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        awsCalls.Add(1, tags);
        if (outcome == "throttled")
        {
            throttles.Add(1, new KeyValuePair<string, object?>("operation", operation));
        }
    }

    /// <param name="method">e.g. "chat.postMessage".</param>
    /// <param name="outcome">"ok", "rate_limited", or Slack's error code (e.g. "channel_not_found").</param>
    public void SlackCall(string method, string outcome) =>
        slackCalls.Add(1, new TagList { { "method", method }, { "outcome", outcome } });
}
