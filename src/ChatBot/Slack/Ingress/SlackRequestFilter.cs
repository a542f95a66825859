using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Ingress;

/// <summary>Guards every /slack route: a capped body (413 past the cap) with a valid signature (401 otherwise,
/// and nothing else happens). The verified body is handed on as <see cref="SlackRequestBody"/>; endpoints never
/// read the request stream themselves.</summary>
internal sealed class SlackRequestFilter(IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<SlackRequestFilter> log)
    : IEndpointFilter
{
    /// <summary>Slack's payloads are a few KiB; anything near this is not Slack.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var body = http.Request.ContentLength switch
        {
            > MaxBodyBytes => null,
            // Slack always sends a length: read exactly that into one array, the acknowledgement's only allocation here.
            { } length => await ReadExactlyAsync(http.Request.Body, (int)length, http.RequestAborted),
            null => await ReadCappedAsync(http.Request.Body, http.RequestAborted),
        };
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var headers = http.Request.Headers;
        if (!SlackSignature.IsValid(options.CurrentValue.SigningSecret, headers[SlackSignature.TimestampHeader],
                headers[SlackSignature.SignatureHeader], body, time.GetUtcNow()))
        {
            log.LogWarning("Refused a request to {Path}: missing, wrong or stale Slack signature", http.Request.Path);
            return Results.Unauthorized();
        }

        http.Features.Set(new SlackRequestBody(body));
        return await next(context);
    }

    /// <returns>The body; empty when it is shorter than it said, which no valid signature then covers.</returns>
    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        try
        {
            await body.ReadExactlyAsync(bytes, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            return [];
        }

        return bytes;
    }

    /// <returns>The body, or null once it grows past the cap (chunked requests carry no Content-Length).</returns>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>The raw bytes of a request whose Slack signature checked out.</summary>
internal sealed record SlackRequestBody(byte[] Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
}
