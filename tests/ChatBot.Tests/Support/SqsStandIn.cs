using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatBot.StandIns;

/// <summary>One SQS queue over the JSON protocol (AWS JSON 1.0, X-Amz-Target AmazonSQS.*), on a loopback Kestrel port,
/// so that the real AWSSDK.SQS runs against it: long polling, visibility timeouts, receive counts and a dead-letter
/// queue after <see cref="MaxReceiveCount"/> receives, as SQS does. Shared by the tests and the benchmark.</summary>
public sealed class SqsStandIn : IAsyncDisposable
{
    public const string QueuePath = "/123456789012/whostopped-events";

    private readonly Lock gate = new();
    private readonly List<Stored> messages = [];
    private StandInHost host = null!;
    private int sequence;

    private SqsStandIn()
    {
    }

    public Uri Url => host.Url;

    public string QueueUrl => new Uri(Url, QueuePath).ToString();

    /// <summary>How long a received message stays invisible (the queue's VisibilityTimeout).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxReceiveCount { get; set; } = 5;

    /// <summary>The next this many deletes answer success but delete nothing, as when a receipt handle had expired.</summary>
    public int IgnoreDeletes { get; set; }

    /// <summary>Set to answer every call with this error instead, e.g. the queue does not exist.</summary>
    public SqsFault? Fault { get; set; }

    /// <summary>Every call: its operation (ReceiveMessage, DeleteMessage, …) and JSON body, in arrival order.</summary>
    public ConcurrentQueue<(string Operation, JsonObject Body, DateTimeOffset At)> Calls { get; } = new();

    public IReadOnlyList<string> DeadLetters
    {
        get
        {
            lock (gate)
            {
                return deadLetters.ToList();
            }
        }
    }

    private readonly List<string> deadLetters = [];

    /// <summary>Messages received and not yet visible again (SQS's ApproximateNumberOfMessagesNotVisible).</summary>
    public int InFlight
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            lock (gate)
            {
                return messages.Count(m => m.ReceiveCount > 0 && m.VisibleAt > now);
            }
        }
    }

    /// <summary>Messages in the queue, visible or in flight (SQS's ApproximateNumberOfMessages + NotVisible).</summary>
    public int Depth
    {
        get
        {
            lock (gate)
            {
                return messages.Count;
            }
        }
    }

    public static async Task<SqsStandIn> StartAsync()
    {
        var standIn = new SqsStandIn();
        standIn.host = await StandInHost.StartAsync(standIn.HandleAsync, CancellationToken.None);
        return standIn;
    }

    /// <summary>Enqueues the bodies together: a receive already waiting sees all of them or none.</summary>
    public void Send(params string[] bodies)
    {
        lock (gate)
        {
            foreach (var body in bodies)
            {
                messages.Add(new Stored($"m-{++sequence:D6}", body) { VisibleAt = DateTimeOffset.MinValue });
            }
        }
    }

    public int CountOf(string operation) => Calls.Count(c => c.Operation == operation);

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted)) as JsonObject ?? [];
        var operation = context.Request.Headers["X-Amz-Target"].ToString().Replace("AmazonSQS.", "", StringComparison.Ordinal);
        Calls.Enqueue((operation, body, DateTimeOffset.UtcNow));
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentType = "application/x-amz-json-1.0";
        if (Fault is { } fault)
        {
            context.Response.StatusCode = fault.Status;
            context.Response.Headers["x-amzn-query-error"] = fault.QueryCode + ";Sender";
            await context.Response.WriteAsync(new JsonObject { ["__type"] = fault.Type, ["message"] = fault.Message }.ToJsonString(), context.RequestAborted);
            return;
        }

        JsonObject reply = operation switch
        {
            "ReceiveMessage" => await ReceiveAsync(body, context.RequestAborted),
            "DeleteMessage" => Settle(body, delete: true),
            "ChangeMessageVisibility" => Settle(body, delete: false),
            "GetQueueAttributes" => new JsonObject
            {
                ["Attributes"] = new JsonObject
                {
                    ["QueueArn"] = "arn:aws:sqs:eu-west-1:123456789012:whostopped-events",
                    // Whole seconds, as SQS has it.
                    [nameof(VisibilityTimeout)] = ((int)Math.Ceiling(VisibilityTimeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            },
            _ => [],
        };
        await context.Response.WriteAsync(reply.ToJsonString(), context.RequestAborted);
    }

    private async Task<JsonObject> ReceiveAsync(JsonObject body, CancellationToken aborted)
    {
        var max = body["MaxNumberOfMessages"]?.GetValue<int>() ?? 1;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(body["WaitTimeSeconds"]?.GetValue<int>() ?? 0);
        while (true)
        {
            var taken = Take(max);
            if (taken.Count > 0 || DateTimeOffset.UtcNow >= deadline || aborted.IsCancellationRequested)
            {
                return new JsonObject { ["Messages"] = new JsonArray([.. taken]) };
            }

            try
            {
                await Task.Delay(20, aborted);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    private List<JsonNode> Take(int max)
    {
        var now = DateTimeOffset.UtcNow;
        lock (gate)
        {
            var taken = new List<JsonNode>();
            foreach (var m in messages.Where(m => m.VisibleAt <= now).ToList())
            {
                if (taken.Count == max)
                {
                    break;
                }

                if (m.ReceiveCount >= MaxReceiveCount)
                {
                    // The redrive policy: received maxReceiveCount times without being deleted.
                    messages.Remove(m);
                    deadLetters.Add(m.Body);
                    continue;
                }

                m.ReceiveCount++;
                m.ReceiptHandle = $"{m.Id}-r{m.ReceiveCount}";
                m.VisibleAt = now + VisibilityTimeout;
                taken.Add(new JsonObject
                {
                    ["MessageId"] = m.Id,
                    ["ReceiptHandle"] = m.ReceiptHandle,
#pragma warning disable CA5351 // SQS's own checksum of the body, which the SDK verifies; not security.
                    ["MD5OfBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(m.Body))),
#pragma warning restore CA5351
                    ["Body"] = m.Body,
                    ["Attributes"] = new JsonObject { ["ApproximateReceiveCount"] = m.ReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                });
            }

            return taken;
        }
    }

    /// <summary>Only the latest receipt handle of a message counts, as with SQS after a redelivery.</summary>
    private JsonObject Settle(JsonObject body, bool delete)
    {
        var handle = body["ReceiptHandle"]?.GetValue<string>();
        lock (gate)
        {
            if (messages.Find(m => m.ReceiptHandle == handle) is { } m)
            {
                if (delete && IgnoreDeletes > 0)
                {
                    IgnoreDeletes--;
                }
                else if (delete)
                {
                    messages.Remove(m);
                }
                else
                {
                    m.VisibleAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(body[nameof(VisibilityTimeout)]?.GetValue<int>() ?? 0);
                }
            }
        }

        return [];
    }

    private sealed class Stored(string id, string body)
    {
        public string Id { get; } = id;
        public string Body { get; } = body;
        public string? ReceiptHandle { get; set; }
        public DateTimeOffset VisibleAt { get; set; }
        public int ReceiveCount { get; set; }
    }
}

/// <param name="QueryCode">What SQS's query-compatible header (x-amzn-query-error) names.</param>
public sealed record SqsFault(int Status, string Type, string QueryCode, string Message)
{
    public static SqsFault QueueMissing { get; } = new(400, "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");

    public static SqsFault AccessDenied { get; } = new(403, "com.amazon.coral.service#AccessDeniedException", "AccessDenied", "User is not authorized to perform: sqs:receivemessage");
}
