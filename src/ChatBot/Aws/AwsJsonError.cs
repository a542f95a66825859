using System.Text.Json;

namespace ChatBot.Aws;

/// <summary>Reads an AWS JSON 1.1 error: the type from <c>__type</c> or <c>x-amzn-ErrorType</c>, without namespaces.</summary>
internal static class AwsJsonError
{
    public static AwsCallException From(HttpResponseMessage response, byte[] body, string action)
    {
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        var (type, message) = Parse(body);
        if (type is null && response.Headers.TryGetValues("x-amzn-ErrorType", out var types))
        {
            type = types.FirstOrDefault();
        }

        return new AwsCallException(action, Clean(type) ?? $"HTTP{(int)response.StatusCode}", message ?? response.ReasonPhrase ?? "", requestId);
    }

    /// <summary>True when an error body names a throttling error; CloudTrail throttles with 400, not 429.</summary>
    public static bool IsThrottling(byte[] body) =>
        AwsCallException.IsThrottlingCode(Clean(Parse(body).Type));

    private static (string? Type, string? Message) Parse(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Text(root, "__type"), Text(root, "message") ?? Text(root, "Message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // "com.amazonaws.cloudtrail#ThrottlingException" and "ThrottlingException:http://..." both mean ThrottlingException.
    private static string? Clean(string? type) =>
        type?.Split('#')[^1].Split(':')[0] is { Length: > 0 } t ? t : null;
}
