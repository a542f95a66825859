using System.Globalization;
using System.Security;
using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatBot.Tests.Support;

/// <summary>EC2 (query protocol, XML) and CloudTrail (JSON 1.1) at the HTTP level, so the real SDK, signer and parsers run.
/// Regions are told apart by the SigV4 credential scope, as a real endpoint would.</summary>
public sealed class AwsStub : IDisposable
{
    public const string LookupEventsTarget = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";

    private string? signedWith;

    public WireMockServer Server { get; } = WireMockServer.Start();

    public Dictionary<string, string?> Configuration => new()
    {
        ["AWS_ENDPOINT_URL"] = Server.Url,
        ["AWS_REGION"] = "us-east-1",
    };

    public AwsStub Regions(params string[] regions) => Ec2("DescribeRegions", "us-east-1", null,
        $"<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1</requestId><regionInfo>"
        + string.Concat(regions.Select(r => $"<item><regionName>{r}</regionName><regionEndpoint>ec2.{r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"))
        + "</regionInfo></DescribeRegionsResponse>");

    /// <summary>DescribeInstances in <paramref name="region"/> answers with these instances (none: an empty reservation set).</summary>
    public AwsStub Instances(string region, params Instance[] instances) => Ec2("DescribeInstances", region, null,
        "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>d-1</requestId><reservationSet>"
        + string.Concat(instances.Select(i => $"<item><reservationId>r-0abc</reservationId><ownerId>{Records.Account}</ownerId><instancesSet>{i.Xml()}</instancesSet></item>"))
        + "</reservationSet></DescribeInstancesResponse>");

    public AwsStub Ec2Error(string action, string region, int status, string code, string message) =>
        Ec2(action, region, status, Ec2ErrorXml(code, message));

    private static string Ec2ErrorXml(string code, string message) =>
        $"<Response><Errors><Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error></Errors><RequestID>ec2-req-1</RequestID></Response>";

    /// <summary>The next <paramref name="times"/> calls of <paramref name="action"/> in the region fail with this error,
    /// then the stubs above answer.</summary>
    public AwsStub Ec2Fails(string action, string region, int status, string code, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var step = Server.Given(Ec2Request(action, region)).AtPriority(1).InScenario($"fail-{action}-{region}");
            (i == 0 ? step : step.WhenStateIs($"failed-{i}")).WillSetStateTo($"failed-{i + 1}")
                .RespondWith(Ec2Response(status, Ec2ErrorXml(code, "injected fault")));
        }

        return this;
    }

    /// <summary>LookupEvents for <paramref name="instanceId"/> answers with these pages, chained by NextToken.</summary>
    public AwsStub EventPages(string region, string instanceId, params JsonObject[][] pages)
    {
        for (var i = 0; i < pages.Length; i++)
        {
            var next = i + 1 < pages.Length ? $"{instanceId}-page-{i + 1}" : null;
            var request = LookupEvents(region, instanceId);
            request = i == 0 ? request : request.WithBody($"*\"NextToken\":\"{instanceId}-page-{i}\"*");
            Server.Given(request).AtPriority((i == 0 ? 50 : 10) - (signedWith is null ? 0 : 5))
                .RespondWith(CloudTrailLatency > TimeSpan.Zero ? Json(200, Page(pages[i], next)).WithDelay(CloudTrailLatency) : Json(200, Page(pages[i], next)));
        }

        return this;
    }

    public AwsStub Events(string region, string instanceId, params JsonObject[] records) => EventPages(region, instanceId, records);

    /// <summary>CloudTrail delivers these later: from now on LookupEvents for the instance answers with them, ahead of
    /// the pages stubbed before.</summary>
    public AwsStub EventsArrive(string region, string instanceId, params JsonObject[] records)
    {
        Server.Given(LookupEvents(region, instanceId)).AtPriority(40).RespondWith(Json(200, Page(records, null)));
        return this;
    }

    /// <summary>The next <paramref name="times"/> LookupEvents calls for the instance fail with this error, then the stubs above answer.</summary>
    public AwsStub CloudTrailFails(string region, string instanceId, int status, string errorType, string message, int times = int.MaxValue)
    {
        if (times == int.MaxValue)
        {
            Server.Given(LookupEvents(region, instanceId)).AtPriority(1).RespondWith(Error(status, errorType, message));
            return this;
        }

        return CloudTrailFailures(region, instanceId, [.. Enumerable.Repeat((status, errorType), times)]);
    }

    /// <summary>LookupEvents for the instance fails once with each of these errors, in order, then the stubs above answer.</summary>
    public AwsStub CloudTrailFailures(string region, string instanceId, params (int Status, string Type)[] failures)
    {
        for (var i = 0; i < failures.Length; i++)
        {
            var step = Server.Given(LookupEvents(region, instanceId)).AtPriority(1).InScenario($"fail-{region}-{instanceId}");
            (i == 0 ? step : step.WhenStateIs($"failed-{i}")).WillSetStateTo($"failed-{i + 1}")
                .RespondWith(Error(failures[i].Status, failures[i].Type, "injected fault"));
        }

        return this;
    }

    /// <summary>Stubs made inside <paramref name="stubs"/> answer only requests signed with this access key (one account's
    /// credentials), ahead of stubs for any account.</summary>
    public AwsStub SignedWith(string accessKeyId, Action<AwsStub> stubs)
    {
        ArgumentNullException.ThrowIfNull(stubs);
        signedWith = accessKeyId;
        try
        {
            stubs(this);
        }
        finally
        {
            signedWith = null;
        }

        return this;
    }

    /// <summary>How long every stubbed LookupEvents page takes to arrive.</summary>
    public TimeSpan CloudTrailLatency { get; set; }

    /// <summary>How long EC2's answers (set up after this) take, as real EC2's do.</summary>
    public TimeSpan Ec2Latency { get; set; }

    public AwsStub SlowCloudTrail(TimeSpan delay)
    {
        Server.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", LookupEventsTarget)).AtPriority(100)
            .RespondWith(Json(200, Page([], null)).WithDelay(delay));
        return this;
    }

    public IReadOnlyList<ILogEntry> LookupCalls(string? region = null) => Calls("cloudtrail", region)
        .Where(e => Header(e, "X-Amz-Target") == LookupEventsTarget).ToList();

    public IReadOnlyList<ILogEntry> Ec2Calls(string action, string? region = null) =>
        Calls("ec2", region).Where(e => e.RequestMessage.Body?.Contains($"Action={action}", StringComparison.Ordinal) == true).ToList();

    public void Dispose() => Server.Stop();

    private IEnumerable<ILogEntry> Calls(string service, string? region) => Server.LogEntries.Where(e =>
        Header(e, "Authorization") is { } auth
        && auth.Contains($"/{region ?? ""}", StringComparison.Ordinal) && auth.Contains($"/{service}/aws4_request", StringComparison.Ordinal));

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private AwsStub Ec2(string action, string region, int? status, string xml)
    {
        var response = Ec2Response(status ?? 200, xml);
        Server.Given(Signed(Ec2Request(action, region))).AtPriority(status is not null ? 1 : signedWith is null ? 50 : 45)
            .RespondWith(Ec2Latency > TimeSpan.Zero ? response.WithDelay(Ec2Latency) : response);
        return this;
    }

    private static IRequestBuilder Ec2Request(string action, string region) => Request.Create().WithPath("/").UsingPost()
        .WithHeader("Authorization", $"*/{region}/ec2/aws4_request*")
        .WithBody($"*Action={action}*");

    private static IResponseBuilder Ec2Response(int status, string xml) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/xml;charset=UTF-8").WithBody(xml);

    private IRequestBuilder LookupEvents(string region, string instanceId) => Signed(Request.Create().WithPath("/").UsingPost()
        .WithHeader("X-Amz-Target", LookupEventsTarget)
        .WithHeader("Authorization", $"*/{region}/cloudtrail/aws4_request*")
        .WithBody($"*\"AttributeValue\":\"{instanceId}\"*"));

    private IRequestBuilder Signed(IRequestBuilder request) =>
        signedWith is null ? request : request.WithHeader("Authorization", $"*Credential={signedWith}/*");

    private static IResponseBuilder Error(int status, string type, string message) =>
        Json(status, $"{{\"__type\":\"{type}\",\"message\":\"{message}\"}}");

    private static IResponseBuilder Json(int status, string body) => Response.Create().WithStatusCode(status)
        .WithHeader("Content-Type", "application/x-amz-json-1.1").WithHeader("x-amzn-RequestId", "ct-req-1").WithBody(body);

    private static string Page(IEnumerable<JsonObject> records, string? nextToken)
    {
        var events = new JsonArray([.. records.Select(r => (JsonNode)new JsonObject
        {
            ["EventId"] = r["eventID"]!.GetValue<string>(),
            ["EventName"] = r["eventName"]!.GetValue<string>(),
            ["ReadOnly"] = "false",
            ["EventTime"] = DateTimeOffset.Parse(r["eventTime"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            ["EventSource"] = "ec2.amazonaws.com",
            ["CloudTrailEvent"] = Records.Text(r),
        })]);
        var page = new JsonObject { ["Events"] = events };
        if (nextToken is not null)
        {
            page["NextToken"] = nextToken;
        }

        return page.ToJsonString();
    }
}
