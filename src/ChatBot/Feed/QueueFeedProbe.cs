using ChatBot.Doctor;
using ChatBot.Feed.Queue;
using Microsoft.Extensions.Options;

namespace ChatBot.Feed;

/// <summary>The feed as an SRE would judge it: the queue answers GetQueueAttributes, the bot's consumer can read it,
/// and messages keep arriving. EC2 state changes anywhere in the organisation reach it, so hours of silence while
/// the rules should be sending means a rule, a forwarder or the queue policy is broken.
/// Where the feed runs (the bot) its SQS client is shared; where it does not (the CLI) the probe makes its own.
/// It lives with the feed, which owns the queue and its consumer's status; the doctor knows only <see cref="IFeedProbe"/>.</summary>
internal sealed class QueueFeedProbe(IOptions<FeedOptions> options, IServiceProvider services, FeedStatus status, TimeProvider time)
    : IFeedProbe, IDisposable
{
    /// <summary>Silence longer than this is a warning.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromHours(3);

    private readonly Lazy<SqsQueueClient> own = new(() => ActivatorUtilities.CreateInstance<SqsQueueClient>(services));

    private const string Stack = "aws cloudformation deploy --stack-name whostopped-events --template-file manifest/eventbridge.yaml --parameter-overrides OrganizationId=<o-…>";

    public async Task<ProbeOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.QueueUrl;
        if (!options.Value.Enabled)
        {
            return new(CheckStatus.Warn,
                $"No EventBridge feed: {FeedOptions.QueueUrlKey} is not set, so stops are known only once CloudTrail's event history has them, 5 to 15 minutes late.",
                $"{Stack}, then set {FeedOptions.QueueUrlKey} to its QueueUrl output.");
        }

        var queue = services.GetService<IEventQueueClient>() ?? own.Value;
        try
        {
            await queue.CheckAsync(cancellationToken);
        }
        catch (QueueUnusableException e) when (e.ErrorCode.Contains("AccessDenied", StringComparison.Ordinal))
        {
            return new(CheckStatus.Warn, $"Could not check the queue {url}: the bot's role lacks {SqsQueueClient.AttributesAction} ({e.ErrorCode}).",
                $"Grant {SqsQueueClient.AttributesAction}, with {SqsQueueClient.ReceiveAction}, {SqsQueueClient.DeleteAction} and {SqsQueueClient.VisibilityAction}, on the queue to the bot's role ({Problems.PolicyFile} lists them).");
        }
        catch (QueueUnusableException e)
        {
            return new(CheckStatus.Fail, $"The queue {url} does not exist ({e.ErrorCode}): no stop reaches the bot through the feed.",
                $"{Stack}, and check {FeedOptions.QueueUrlKey} against its QueueUrl output.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (problemStatus, detail, fix) = Problems.Of(e);
            return new(problemStatus, detail, fix);
        }

        return Freshness(url!);
    }

    public void Dispose()
    {
        if (own.IsValueCreated)
        {
            own.Value.Dispose();
        }
    }

    private ProbeOutcome Freshness(string url)
    {
        const string Rules = "aws events list-rules --name-prefix whostopped-ec2 (each ENABLED, targeting the queue), in the hub and in every member account's forwarder stack";
        var now = time.GetUtcNow();
        if (status.Problem is { } problem)
        {
            return new(CheckStatus.Warn, $"The queue {url} answers, but the bot's consumer cannot read it: {problem}", null);
        }

        if (status.LastMessageAt is { } last)
        {
            var age = now - last;
            return age <= Quiet
                ? new(CheckStatus.Ok, $"The queue {url} answers; its last message came {Ago(age)} ago.", null)
                : new(CheckStatus.Warn, $"The queue {url} answers, but no message has come for {Ago(age)}: EC2 state changes should reach it far more often.", Rules);
        }

        if (status.PollingSince is not { } since)
        {
            return new(CheckStatus.Ok, $"The queue {url} answers. How old its last message is, only the running bot knows: ask /whostopped doctor in Slack.", null);
        }

        var polling = now - since;
        return polling <= Quiet
            ? new(CheckStatus.Ok, $"The queue {url} answers; no message yet in the {Ago(polling)} since the bot started reading it.", null)
            : new(CheckStatus.Warn, $"The queue {url} answers, but no message has come in the {Ago(polling)} the bot has been reading it.", Rules);
    }

    private static string Ago(TimeSpan age) => age.TotalMinutes < 1 ? "less than a minute"
        : age.TotalHours < 2 ? $"{(int)age.TotalMinutes} min"
        : age.TotalDays < 2 ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} days";
}
