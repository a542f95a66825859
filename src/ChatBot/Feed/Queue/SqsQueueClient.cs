using System.Globalization;
using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using ChatBot.Aws;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Feed.Queue;

/// <summary>AWSSDK.SQS (JSON protocol) on the queue named by WHOSTOPPED_EVENTS_QUEUE_URL, honouring
/// AWS_ENDPOINT_URL_SQS and AWS_ENDPOINT_URL.</summary>
public sealed class SqsQueueClient : IEventQueueClient, IDisposable
{
    public const string ReceiveAction = "sqs:ReceiveMessage";
    public const string DeleteAction = "sqs:DeleteMessage";
    public const string VisibilityAction = "sqs:ChangeMessageVisibility";
    public const string AttributesAction = "sqs:GetQueueAttributes";

    /// <summary>SQS's longest long poll, and its largest batch.</summary>
    public const int WaitSeconds = 20;
    public const int BatchSize = 10;

    private readonly AmazonSQSClient sqs;
    private readonly string queueUrl;
    private readonly string region;
    private readonly AwsCallRecorder recorder;

    public SqsQueueClient(AWSCredentials credentials, IOptions<FeedOptions> feed, IOptions<AwsOptions> aws, AwsCallRecorder recorder)
    {
        queueUrl = feed.Value.QueueUrl ?? throw new InvalidOperationException($"{FeedOptions.QueueUrlKey} is not set.");
        region = feed.Value.QueueRegion ?? aws.Value.HomeRegion;
        this.recorder = recorder;
        // The long poll must outlast its 20 s wait, or the SDK would cut every empty receive short.
        var config = new AmazonSQSConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region), Timeout = TimeSpan.FromSeconds(WaitSeconds + 10) };
        if (aws.Value.EndpointFor(feed.Value.SqsEndpointUrl) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        sqs = new AmazonSQSClient(credentials, config);
    }

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(CancellationToken cancellationToken)
    {
        var response = await Call(ReceiveAction, ct => sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = BatchSize,
            WaitTimeSeconds = WaitSeconds,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        }, ct), cancellationToken).ConfigureAwait(false);
        return (response.Messages ?? []).Select(m => new QueuedMessage(m.MessageId, m.ReceiptHandle, m.Body ?? "", ReceiveCount(m))).ToList();
    }

    public Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken) =>
        Call(DeleteAction, ct => sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queueUrl, ReceiptHandle = message.ReceiptHandle }, ct), cancellationToken);

    public Task ReleaseAsync(QueuedMessage message, CancellationToken cancellationToken) =>
        Call(VisibilityAction, ct => sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
        {
            QueueUrl = queueUrl,
            ReceiptHandle = message.ReceiptHandle,
            VisibilityTimeout = 0,
        }, ct), cancellationToken);

    public async Task<TimeSpan> CheckAsync(CancellationToken cancellationToken)
    {
        var response = await Call(AttributesAction, ct => sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = ["QueueArn", "VisibilityTimeout"],
        }, ct), cancellationToken).ConfigureAwait(false);
        return response.Attributes?.GetValueOrDefault("VisibilityTimeout") is { } text
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : QueuedMessage.DefaultHeldFor;
    }

    public void Dispose() => sqs.Dispose();

    private async Task<T> Call<T>(string action, Func<CancellationToken, Task<T>> call, CancellationToken ct)
        where T : AmazonWebServiceResponse
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var response = await call(ct).ConfigureAwait(false);
            recorder.Record(action, region, null, response.ResponseMetadata?.RequestId, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (AmazonServiceException e) when (e.ErrorCode is not null)
        {
            recorder.Record(action, region, e.ErrorCode, e.RequestId, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            if (e is QueueDoesNotExistException || e.ErrorCode.Contains("NonExistentQueue", StringComparison.Ordinal)
                || e.ErrorCode.Contains("QueueDoesNotExist", StringComparison.Ordinal) || e.ErrorCode.Contains("AccessDenied", StringComparison.Ordinal))
            {
                throw new QueueUnusableException(e.ErrorCode, e.Message, e);
            }

            throw new AwsCallException(action, e.ErrorCode, e.Message, e.RequestId);
        }
    }

    private static int ReceiveCount(Message message) =>
        message.Attributes?.TryGetValue("ApproximateReceiveCount", out var count) == true
        && int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;
}
