using System.Diagnostics;
using Amazon.Runtime.Signing;
using ChatBot.Telemetry;

namespace ChatBot.Aws;

/// <summary>The one place an AWS call's result is counted and logged, with its request ID for AWS support.
/// Fed by <see cref="AwsCallHandler"/> for hand-written clients and directly by SDK wrappers.</summary>
public sealed partial class AwsCallRecorder(WhoStoppedMetrics metrics, ILogger<AwsCallRecorder> logger)
{
    /// <param name="errorCode">Null when AWS answered successfully.</param>
    public void Record(string action, string region, string? errorCode, string? requestId, TimeSpan elapsed)
    {
        var outcome = errorCode is null ? "ok" : AwsCallException.IsThrottlingCode(errorCode) ? "throttled" : "error";
        metrics.AwsCall(action, outcome, errorCode);
        if (errorCode is null)
        {
            LogSucceeded(logger, action, region, elapsed.TotalMilliseconds, requestId);
        }
        else
        {
            LogFailed(logger, action, region, errorCode, elapsed.TotalMilliseconds, requestId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} in {Region} took {DurationMs:0} ms (request {AwsRequestId})")]
    private static partial void LogSucceeded(ILogger logger, string action, string region, double durationMs, string? awsRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} in {Region} failed with {ErrorCode} after {DurationMs:0} ms (request {AwsRequestId})")]
    private static partial void LogFailed(ILogger logger, string action, string region, string errorCode, double durationMs, string? awsRequestId);
}

/// <summary>Records every attempt of an AWS JSON-protocol call (retries included, so throttles are all counted).
/// Sits inside the retry handler and outside the signer.</summary>
public sealed class AwsCallHandler(AwsCallRecorder recorder, string defaultAction) : DelegatingHandler
{
    /// <summary>The IAM action of this request, when one client speaks several operations (CloudTrail, Athena).</summary>
    public static readonly HttpRequestOptionsKey<string> ActionKey = new("whostopped.aws-action");

    // The region the client already names for the signer.
    private static readonly HttpRequestOptionsKey<string> RegionKey = new(SigV4SigningHandler.RegionOptionKey);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var region = request.Options.TryGetValue(RegionKey, out var r) ? r : "unknown";
        var action = request.Options.TryGetValue(ActionKey, out var a) ? a : defaultAction;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            recorder.Record(action, region, e is HttpRequestException ? "NetworkError" : "Cancelled", null, Stopwatch.GetElapsedTime(started));
            throw;
        }

        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        string? errorCode = null;
        if (!response.IsSuccessStatusCode)
        {
            // Buffered, so the client can still read the error body after us.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            errorCode = AwsJsonError.From(response, body, action).ErrorCode;
        }

        recorder.Record(action, region, errorCode, requestId, Stopwatch.GetElapsedTime(started));
        return response;
    }
}
