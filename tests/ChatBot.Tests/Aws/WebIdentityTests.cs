using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatBot.Tests.Aws;

/// <summary>The credential chain's web-identity path (EKS, GitHub Actions) through STS at AWS_ENDPOINT_URL_STS.
/// Changes process-wide variables, so it runs alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class WebIdentityTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private readonly string tokenFile = Path.GetTempFileName();
    private readonly AwsStub aws = new();
    private readonly Dictionary<string, string?> saved;

    public WebIdentityTests()
    {
        File.WriteAllText(tokenFile, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6b3BzOndob3N0b3BwZWQifQ.c2ln");
        var variables = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile,
            ["AWS_ROLE_ARN"] = "arn:aws:iam::111122223333:role/whostopped",
            ["AWS_ROLE_SESSION_NAME"] = "whostopped-test",
            ["AWS_ENDPOINT_URL_STS"] = aws.Server.Url,
            ["AWS_REGION"] = "us-east-1",
        };
        saved = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        aws.Dispose();
        File.Delete(tokenFile);
    }

    [Fact]
    public async Task Signs_with_credentials_from_assume_role_with_web_identity()
    {
        aws.Server.Given(Request.Create().WithPath("/").UsingPost().WithBody("*Action=AssumeRoleWithWebIdentity*"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/xml").WithBody(
                "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleWithWebIdentityResult>"
                + "<Credentials><AccessKeyId>ASIAWEBIDENTITYEXAMPLE</AccessKeyId><SecretAccessKey>c2VjcmV0</SecretAccessKey>"
                + "<SessionToken>FwoGZXIvYXdzEXAMPLE</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                + "<SubjectFromWebIdentityToken>system:serviceaccount:ops:whostopped</SubjectFromWebIdentityToken>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/whostopped/whostopped-test</Arn><AssumedRoleId>AROAEXAMPLE:whostopped-test</AssumedRoleId></AssumedRoleUser>"
                + "</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>"));
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1)));
        using var engine = TestApp.Engine(aws);

        var finding = await engine.AskAsync(Id, "us-east-1");

        Assert.Null(finding.Error);
        var lookup = Assert.Single(aws.LookupCalls());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAWEBIDENTITYEXAMPLE/", AwsStub.Header(lookup, "Authorization"));
        Assert.Equal("FwoGZXIvYXdzEXAMPLE", AwsStub.Header(lookup, "X-Amz-Security-Token"));
    }
}
