using System.Diagnostics;

namespace ChatBot.Aws;

/// <summary>Keeps trace-propagation headers out of the SigV4 signature. The signer signs every header it finds,
/// and the HTTP diagnostics handler below it sets these per attempt, after signing: a retried message still carries
/// the previous attempt's traceparent, which would be signed and then rewritten, and AWS refuses the signature.
/// Removed here, just above the signer, they are added again below it, unsigned, as on a first attempt.</summary>
public sealed class TraceHeadersHandler : DelegatingHandler
{
    // W3C trace context and baggage, the legacy Request-Id pair, and whatever the process-wide propagator writes.
    private static readonly string[] Propagated =
        [.. new[] { "traceparent", "tracestate", "baggage", "Request-Id", "Correlation-Context" }
            .Union(DistributedContextPropagator.Current.Fields ?? [], StringComparer.OrdinalIgnoreCase)];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var header in Propagated)
        {
            request.Headers.Remove(header);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
