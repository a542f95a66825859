using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatBot.Bench.StandIns;

/// <summary>The bodies AWS would send: EC2 query-protocol XML and a CloudTrail JSON 1.1 LookupEvents page whose newest
/// record is a console StopInstances by an IAM Identity Center user, shaped like the CloudTrail user guide's examples.</summary>
public static class AwsAnswers
{
    public const string Account = "111122223333";

    /// <summary>The person every benchmark answer should name.</summary>
    public const string Stopper = "oncall@example.com";

    private const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    /// <summary>Ten minutes before the run, so the answer is recent and CloudTrail has already delivered it.</summary>
    private static readonly DateTimeOffset StoppedAt = DateTimeOffset.UtcNow.AddMinutes(-10);

    public static string Regions(IEnumerable<string> regions) =>
        $"<DescribeRegionsResponse xmlns=\"{Ec2Namespace}\"><requestId>bench-regions</requestId><regionInfo>"
        + string.Concat(regions.Select(r => $"<item><regionName>{r}</regionName><regionEndpoint>ec2.{r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"))
        + "</regionInfo></DescribeRegionsResponse>";

    public static string Instances(string region, IEnumerable<string> instanceIds) =>
        $"<DescribeInstancesResponse xmlns=\"{Ec2Namespace}\"><requestId>bench-instances</requestId><reservationSet>"
        + string.Concat(instanceIds.Select(id => $"<item><reservationId>r-0bench</reservationId><ownerId>{Account}</ownerId><instancesSet>{Instance(region, id)}</instancesSet></item>"))
        + "</reservationSet></DescribeInstancesResponse>";

    public static string EmptyPage => """{"Events":[]}""";

    public static string Throttling => """{"__type":"ThrottlingException","message":"Rate exceeded"}""";

    /// <summary>EC2's throttle: HTTP 503 with this code.</summary>
    public static string RequestLimitExceeded =>
        "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>bench</RequestID></Response>";

    /// <summary>What AWS answers a request whose signature or session token it cannot accept.</summary>
    public static string AuthFailure(string why) =>
        $"<Response><Errors><Error><Code>AuthFailure</Code><Message>{why}</Message></Error></Errors><RequestID>bench</RequestID></Response>";

    public static string StopPage(string region, string instanceId) => new JsonObject
    {
        ["Events"] = new JsonArray(new JsonObject
        {
            ["EventId"] = EventId(instanceId),
            ["EventName"] = "StopInstances",
            ["ReadOnly"] = "false",
            ["EventTime"] = StoppedAt.ToUnixTimeSeconds(),
            ["EventSource"] = "ec2.amazonaws.com",
            ["Username"] = Stopper,
            ["Resources"] = new JsonArray(new JsonObject { ["ResourceType"] = "AWS::EC2::Instance", ["ResourceName"] = instanceId }),
            ["CloudTrailEvent"] = StopRecord(region, instanceId),
        }),
    }.ToJsonString();

    private static string Instance(string region, string id) =>
        $"<item><instanceId>{id}</instanceId><imageId>ami-0abcdef1234567890</imageId>"
        + "<instanceState><code>80</code><name>stopped</name></instanceState>"
        + $"<reason>User initiated ({StoppedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} GMT)</reason>"
        + "<instanceType>t3.micro</instanceType><launchTime>2026-11-01T09:00:00.000Z</launchTime>"
        + $"<placement><availabilityZone>{region}a</availabilityZone><tenancy>default</tenancy></placement>"
        + "<stateReason><code>Client.UserInitiatedShutdown</code><message>Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>"
        + $"<tagSet><item><key>Name</key><value>bench-{id[^6..]}</value></item><item><key>team</key><value>payments</value></item></tagSet>"
        + "</item>";

    public static string EventId(string instanceId) => $"bench0000-0000-4000-8000-{instanceId[^12..]}";

    /// <summary>A plain template with named holes: the record's many literal braces make string interpolation unreadable.</summary>
    public static string StopRecord(string region, string instanceId) => """
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEID:STOPPER",
        "arn":"arn:aws:sts::ACCOUNT:assumed-role/ROLE/STOPPER","accountId":"ACCOUNT","accessKeyId":"ASIAEXAMPLEKEY123456",
        "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEID","arn":"arn:aws:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/ROLE",
        "accountId":"ACCOUNT","userName":"ROLE"},"attributes":{"creationDate":"TIME","mfaAuthenticated":"true"}}},
        "eventTime":"TIME","eventSource":"ec2.amazonaws.com","eventName":"StopInstances","awsRegion":"REGION",
        "sourceIPAddress":"203.0.113.10","userAgent":"AWS Internal",
        "requestParameters":{"instancesSet":{"items":[{"instanceId":"INSTANCE"}]},"force":false},
        "responseElements":{"requestId":"bench-request","instancesSet":{"items":[{"instanceId":"INSTANCE",
        "currentState":{"code":64,"name":"stopping"},"previousState":{"code":16,"name":"running"}}]}},
        "requestID":"bench-request","eventID":"EVENTID","readOnly":false,"eventType":"AwsApiCall",
        "managementEvent":true,"recipientAccountId":"ACCOUNT","eventCategory":"Management"}
        """.ReplaceLineEndings("")
        .Replace("STOPPER", Stopper, StringComparison.Ordinal)
        .Replace("ACCOUNT", Account, StringComparison.Ordinal)
        .Replace("ROLE", "AWSReservedSSO_AdministratorAccess_0123456789abcdef", StringComparison.Ordinal)
        .Replace("TIME", StoppedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("REGION", region, StringComparison.Ordinal)
        .Replace("INSTANCE", instanceId, StringComparison.Ordinal)
        .Replace("EVENTID", EventId(instanceId), StringComparison.Ordinal);
}
