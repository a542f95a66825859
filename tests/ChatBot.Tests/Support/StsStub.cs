using System.Globalization;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatBot.Tests.Support;

/// <summary>STS (query protocol, XML) on the same WireMock server as EC2 and CloudTrail: GetCallerIdentity and AssumeRole
/// per role ARN, answered as the STS API reference shows them.</summary>
public static class StsStub
{
    /// <summary>The bot's own credentials belong to this account.</summary>
    public static AwsStub CallerIdentity(this AwsStub aws, string account)
    {
        aws.Server.Given(Sts("GetCallerIdentity")).AtPriority(50).RespondWith(Xml(200,
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + $"<Arn>arn:aws:iam::{account}:user/whostopped</Arn><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Account>{account}</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>sts-gci-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"));
        return aws;
    }

    /// <summary>AssumeRole of <paramref name="roleArn"/> answers with these temporary credentials, one per call in order
    /// (the last one repeats).</summary>
    public static AwsStub Role(this AwsStub aws, string roleArn, params (string AccessKeyId, string SessionToken, DateTimeOffset Expires)[] sessions)
    {
        if (sessions.Length == 1)
        {
            aws.Server.Given(AssumeRole(roleArn)).AtPriority(50).RespondWith(Xml(200, Credentials(roleArn, sessions[0])));
            return aws;
        }

        for (var i = 0; i < sessions.Length; i++)
        {
            var step = aws.Server.Given(AssumeRole(roleArn)).AtPriority(50).InScenario($"role-{roleArn}");
            step = i == 0 ? step : step.WhenStateIs($"assumed-{i}");
            (i + 1 < sessions.Length ? step.WillSetStateTo($"assumed-{i + 1}") : step).RespondWith(Xml(200, Credentials(roleArn, sessions[i])));
        }

        return aws;
    }

    /// <summary>AssumeRole of <paramref name="roleArn"/> is refused, as STS refuses a role whose trust or policy does not allow it.</summary>
    public static AwsStub RoleRefused(this AwsStub aws, string roleArn, string code = "AccessDenied")
    {
        aws.Server.Given(AssumeRole(roleArn)).AtPriority(1).RespondWith(Xml(403,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
            + $"<Code>{code}</Code><Message>User: arn:aws:iam::{Records.Account}:user/whostopped is not authorized to perform: sts:AssumeRole on resource: {roleArn}</Message>"
            + "</Error><RequestId>sts-denied-1</RequestId></ErrorResponse>"));
        return aws;
    }

    public static IReadOnlyList<ILogEntry> StsCalls(this AwsStub aws, string action) => aws.Server.LogEntries
        .Where(e => e.RequestMessage.Body?.Contains($"Action={action}&", StringComparison.Ordinal) == true
            && AwsStub.Header(e, "Authorization")?.Contains("/sts/aws4_request", StringComparison.Ordinal) == true)
        .ToList();

    /// <summary>A form field of a logged STS request, decoded.</summary>
    public static string? Field(ILogEntry entry, string name) => (entry.RequestMessage.Body ?? "").Split('&')
        .Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name).Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' '))).FirstOrDefault();

    private static IRequestBuilder Sts(string action) => Request.Create().WithPath("/").UsingPost()
        .WithHeader("Authorization", "*/sts/aws4_request*").WithBody($"*Action={action}&*");

    private static IRequestBuilder AssumeRole(string roleArn) => Sts("AssumeRole").WithBody($"*RoleArn={Uri.EscapeDataString(roleArn)}*");

    private static string Credentials(string roleArn, (string AccessKeyId, string SessionToken, DateTimeOffset Expires) s) =>
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
        + $"<Credentials><AccessKeyId>{s.AccessKeyId}</AccessKeyId><SecretAccessKey>secret-of-{s.AccessKeyId}</SecretAccessKey>"
        + $"<SessionToken>{s.SessionToken}</SessionToken><Expiration>{s.Expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</Expiration></Credentials>"
        + $"<AssumedRoleUser><Arn>{roleArn.Replace(":iam::", ":sts::", StringComparison.Ordinal).Replace(":role/", ":assumed-role/", StringComparison.Ordinal)}/whostopped</Arn>"
        + "<AssumedRoleId>AROA3XFRBF535PLBIFPI4:whostopped</AssumedRoleId></AssumedRoleUser>"
        + "</AssumeRoleResult><ResponseMetadata><RequestId>sts-ar-1</RequestId></ResponseMetadata></AssumeRoleResponse>";

    private static IResponseBuilder Xml(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/xml").WithBody(body);
}
