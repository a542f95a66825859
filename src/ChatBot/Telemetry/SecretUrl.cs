namespace ChatBot.Telemetry;

/// <summary>A response_url is a credential in its path: whoever holds it can post to the channel. Requests to one are
/// marked so that telemetry records only the host.</summary>
public static class SecretUrl
{
    private static readonly HttpRequestOptionsKey<bool> Key = new("whostopped.secret-url");

    public static HttpRequestMessage Mark(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Key, true);
        return request;
    }

    /// <summary>The URL to record for <paramref name="request"/>: unchanged, or its host alone when it is a secret.</summary>
    public static string? Recordable(HttpRequestMessage request) =>
        request?.RequestUri is not { } uri ? null
        : request.Options.TryGetValue(Key, out var secret) && secret ? $"{uri.Scheme}://{uri.Authority}/REDACTED" : uri.ToString();
}
