using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WireMock.Logging;

namespace ChatBot.Tests.Support;

/// <summary>Recomputes a request's SigV4 signature from what reached the server, as AWS does, so a header that was
/// changed after signing (or a body that differs from its hash) shows up as a mismatch.</summary>
internal static class SigV4Check
{
    /// <summary>Null when the signature matches; otherwise why it does not.</summary>
    public static string? Problem(ILogEntry entry, string secretKey)
    {
        var request = entry.RequestMessage;
        var headers = (request.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value.Select(v => v.Trim())));
        if (!headers.TryGetValue("authorization", out var authorization) || !headers.TryGetValue("x-amz-date", out var amzDate))
        {
            return "not signed";
        }

        var parts = authorization["AWS4-HMAC-SHA256 ".Length..].Split(", ")
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var scope = parts["Credential"].Split('/', 2)[1];
        var signedHeaders = parts["SignedHeaders"].Split(';');
        var missing = signedHeaders.Where(h => !headers.ContainsKey(h)).ToList();
        if (missing.Count > 0)
        {
            return $"signed headers missing on arrival: {string.Join(", ", missing)}";
        }

        var body = request.BodyAsBytes ?? Encoding.UTF8.GetBytes(request.Body ?? "");
        var canonical = string.Join('\n',
            request.Method, request.AbsolutePath, CanonicalQuery(request.Query),
            string.Concat(signedHeaders.Select(h => $"{h}:{headers[h]}\n")),
            string.Join(';', signedHeaders), Hex(SHA256.HashData(body)));
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = scope.Split('/').Aggregate(Encoding.UTF8.GetBytes("AWS4" + secretKey), (k, part) => Hmac(k, part));
        var expected = Hex(Hmac(key, toSign));
        return expected == parts["Signature"] ? null : $"signature mismatch (signed headers {parts["SignedHeaders"]})";
    }

    private static string CanonicalQuery(IDictionary<string, WireMock.Types.WireMockList<string>>? query) =>
        string.Join('&', (query ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v)}"))
            .Order(StringComparer.Ordinal));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
