using System.Security;
using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatBot.Tests.Support;

/// <summary>CloudTrail's describe APIs (JSON 1.1) and S3's GetBucketLifecycleConfiguration (REST XML, path style) on the
/// <see cref="AwsStub"/>'s server, shaped like the CloudTrail API reference's examples.</summary>
public sealed class TrailStub(WireMockServer server)
{
    public const string Target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";

    /// <summary>An organisation-wide, multi-region trail with every best practice on, as its home region shows it.</summary>
    public static JsonObject GoodTrail(string name = "org-trail", string home = "us-east-1", string bucket = "aws-cloudtrail-logs-org") => new()
    {
        ["Name"] = name,
        ["TrailARN"] = $"arn:aws:cloudtrail:{home}:{Records.Account}:trail/{name}",
        ["HomeRegion"] = home,
        ["S3BucketName"] = bucket,
        ["IncludeGlobalServiceEvents"] = true,
        ["IsMultiRegionTrail"] = true,
        ["IsOrganizationTrail"] = true,
        ["LogFileValidationEnabled"] = true,
        ["KmsKeyId"] = $"arn:aws:kms:{home}:{Records.Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ["CloudWatchLogsLogGroupArn"] = $"arn:aws:logs:{home}:{Records.Account}:log-group:aws-cloudtrail-logs:*",
        ["CloudWatchLogsRoleArn"] = $"arn:aws:iam::{Records.Account}:role/CloudTrail_CloudWatchLogs_Role",
        ["HasCustomEventSelectors"] = false,
        ["HasInsightSelectors"] = false,
    };

    /// <summary>A single-region trail with nothing but the defaults.</summary>
    public static JsonObject BareTrail(string name = "default", string home = "us-east-1", string bucket = "my-trail-bucket") => new()
    {
        ["Name"] = name,
        ["TrailARN"] = $"arn:aws:cloudtrail:{home}:{Records.Account}:trail/{name}",
        ["HomeRegion"] = home,
        ["S3BucketName"] = bucket,
        ["IsMultiRegionTrail"] = false,
        ["IsOrganizationTrail"] = false,
        ["LogFileValidationEnabled"] = false,
    };

    public static string Arn(JsonObject trail) => trail["TrailARN"]!.GetValue<string>();

    public TrailStub Trails(string region, params JsonObject[] trails) =>
        Answer("DescribeTrails", region, null, 200, new JsonObject { ["trailList"] = new JsonArray([.. trails.Select(t => (JsonNode)t.DeepClone())]) });

    public TrailStub Logging(JsonObject trail, bool isLogging) =>
        Answer("GetTrailStatus", null, Arn(trail), 200, new JsonObject { ["IsLogging"] = isLogging, ["LatestDeliveryTime"] = 1.7e9 });

    public TrailStub BasicSelectors(JsonObject trail, string readWriteType = "All", bool includeManagementEvents = true) =>
        Answer("GetEventSelectors", null, Arn(trail), 200, new JsonObject
        {
            ["TrailARN"] = Arn(trail),
            ["EventSelectors"] = new JsonArray(new JsonObject
            {
                ["ReadWriteType"] = readWriteType, ["IncludeManagementEvents"] = includeManagementEvents, ["DataResources"] = new JsonArray(),
            }),
        });

    public TrailStub AdvancedSelectors(JsonObject trail, params JsonObject[] fieldSelectors) =>
        Answer("GetEventSelectors", null, Arn(trail), 200, new JsonObject
        {
            ["TrailARN"] = Arn(trail),
            ["AdvancedEventSelectors"] = new JsonArray(new JsonObject
            {
                ["Name"] = "Log management events", ["FieldSelectors"] = new JsonArray([.. fieldSelectors.Select(f => (JsonNode)f)]),
            }),
        });

    /// <summary>Every call of <paramref name="operation"/> fails with this error.</summary>
    public TrailStub Fails(string operation, int status, string type, string message) =>
        Answer(operation, null, null, status, new JsonObject { ["__type"] = type, ["message"] = message }, priority: 1);

    public TrailStub LifecycleRules(string bucket, int rules)
    {
        var xml = "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + string.Concat(Enumerable.Range(1, rules).Select(i =>
            $"<Rule><ID>rule-{i}</ID><Filter><Prefix>AWSLogs/</Prefix></Filter><Status>Enabled</Status><Transition><Days>90</Days><StorageClass>GLACIER</StorageClass></Transition></Rule>"))
            + "</LifecycleConfiguration>";
        return Lifecycle(bucket, 200, xml);
    }

    public TrailStub LifecycleError(string bucket, int status, string code, string message) => Lifecycle(bucket, status,
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message><BucketName>{bucket}</BucketName><RequestId>s3-req-1</RequestId><HostId>h</HostId></Error>");

    private TrailStub Lifecycle(string bucket, int status, string xml)
    {
        // Path style, as the client uses against an endpoint override; the SDK adds a trailing slash.
        server.Given(Request.Create().WithPath($"/{bucket}/", $"/{bucket}").WithParam("lifecycle").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/xml").WithHeader("x-amz-request-id", "s3-req-1").WithBody(xml));
        return this;
    }

    private TrailStub Answer(string operation, string? region, string? arn, int status, JsonObject body, int priority = 50)
    {
        var request = Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", Target + operation)
            .WithHeader("Authorization", $"*/{region ?? ""}*/cloudtrail/aws4_request*");
        server.Given(arn is null ? request : request.WithBody($"*{arn}*")).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/x-amz-json-1.1")
                .WithHeader("x-amzn-RequestId", "ct-req-2").WithBody(body.ToJsonString()));
        return this;
    }
}
