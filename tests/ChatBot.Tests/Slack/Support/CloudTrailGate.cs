using ChatBot.Tests.Support;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace ChatBot.Tests.Slack.Support;

/// <summary>AWS held slow for exactly as long as a test needs: LookupEvents calls wait at the stub until
/// <see cref="Release"/>, then answer with an empty page. A fixed delay would either slow every test down or race
/// the test's own requests on a busy machine; <see cref="Waiting"/> also tells the test when a question is in flight.</summary>
internal sealed class CloudTrailGate
{
    private const string EmptyPage = """{"Events":[]}""";
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int waiting;

    /// <param name="instanceId">Hold only the lookups about this instance; null holds them all.</param>
    public CloudTrailGate(AwsStub aws, string? instanceId = null)
    {
        var request = Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", AwsStub.LookupEventsTarget);
        request = instanceId is null ? request : request.WithBody($"*\"AttributeValue\":\"{instanceId}\"*");
        aws.Server.Given(request).AtPriority(0).RespondWith(Response.Create().WithCallback(HoldAsync));
    }

    /// <summary>LookupEvents calls waiting at the gate right now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    public void Release() => open.TrySetResult();

    private async Task<IResponseMessage> HoldAsync(IRequestMessage request)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await open.Task;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        var response = new ResponseMessage
        {
            StatusCode = 200,
            BodyData = new BodyData { BodyAsString = EmptyPage, DetectedBodyType = BodyType.String },
        };
        response.AddHeader("Content-Type", "application/x-amz-json-1.1");
        return response;
    }
}
