using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace ChatBot.Tests.Support;

/// <summary>A stub held slow for exactly as long as a test needs: matching requests wait until <see cref="Release"/>,
/// then get a fixed answer. A fixed delay would either slow every test down or race the test's own requests on a busy
/// machine; <see cref="Waiting"/> also tells the test when a call is in flight.</summary>
internal sealed class HeldResponses
{
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int waiting;

    public HeldResponses(WireMockServer server, IRequestBuilder request, string contentType, string body) =>
        server.Given(request).AtPriority(0).RespondWith(Response.Create().WithCallback(async _ =>
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
                BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
            };
            response.AddHeader("Content-Type", contentType);
            return response;
        }));

    /// <summary>Calls waiting right now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    public void Release() => open.TrySetResult();
}
