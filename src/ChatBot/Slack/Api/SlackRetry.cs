using System.Net;

namespace ChatBot.Slack.Api;

/// <summary>Retries a Slack call only where a retry cannot post the same message twice: 429 (Slack refused it;
/// wait for Retry-After), 5xx (treated as not processed) and connections that failed before the request went out.
/// A timeout or a connection lost mid-request is not retried: the message may already be in the channel, and a
/// duplicate answer in an incident channel is worse than one logged failure. Checking the channel's history first
/// would need history scopes the bot does not otherwise ask for.</summary>
public sealed class SlackRetry(TimeProvider time, ILogger<SlackRetry> log)
{
    public const int MaxAttempts = 5;

    /// <summary>A Retry-After beyond this is honoured only up to it; a worker should not sleep for long.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <returns>The last response, or null when Slack never answered.</returns>
    public async Task<HttpResponseMessage?> SendAsync(
        HttpClient http, Func<HttpRequestMessage> makeRequest, string call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = makeRequest();
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (attempt < MaxAttempts && NeverSent(e))
            {
                log.LogWarning("{Call} could not connect ({Error}); retrying", call, e.HttpRequestError);
                await Task.Delay(Backoff(attempt), time, cancellationToken);
                continue;
            }
            catch (HttpRequestException e)
            {
                log.LogWarning("{Call} failed ({Error}); not retried, it may have been delivered", call, e.HttpRequestError);
                return null;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                log.LogWarning("{Call} timed out; not retried, it may have been delivered", call);
                return null;
            }

            var wait = RetryDelay(response, attempt);
            if (wait is null || attempt == MaxAttempts)
            {
                return response;
            }

            log.LogInformation("{Call} answered HTTP {Status}; retrying in {Wait}", call, (int)response.StatusCode, wait);
            response.Dispose();
            await Task.Delay(wait.Value, time, cancellationToken);
        }
    }

    private static bool NeverSent(HttpRequestException e) => e.HttpRequestError is
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

    private TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = response.Headers.RetryAfter;
            var wait = retryAfter?.Delta ?? (retryAfter?.Date - time.GetUtcNow()) ?? TimeSpan.FromSeconds(1);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
        }

        return (int)response.StatusCode >= 500 ? Backoff(attempt) : null;
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(8000, 500 * Math.Pow(2, attempt - 1)));
}
