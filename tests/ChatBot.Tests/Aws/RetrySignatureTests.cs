using System.Diagnostics;
using ChatBot.Aws;
using ChatBot.Investigation;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Aws;

/// <summary>Every attempt AWS sees, retries included, carries a signature that matches the request as it arrived.
/// The whole app runs, so its tracing adds (and on every attempt rewrites) traceparent, as in production.</summary>
public sealed class RetrySignatureTests : IDisposable
{
    private const string Id = "i-0123456789abcdef0";
    private readonly AwsStub aws = new();

    public void Dispose() => aws.Dispose();

    [Fact]
    public async Task Every_lookup_events_attempt_after_throttling_is_signed_as_it_arrives()
    {
        aws.Instances("us-east-1", new Instance(Id))
            .Events("us-east-1", Id, Records.SsoConsoleStop(Id, DateTimeOffset.UtcNow.AddHours(-1)))
            .CloudTrailFailures("us-east-1", Id, (400, "ThrottlingException"), (503, "ServiceUnavailable"));

        var finding = await AskInTracedAppAsync();

        var attempts = aws.LookupCalls();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.NotNull(AwsStub.Header(a, "traceparent")));
        Assert.All(attempts, a => Assert.Null(SigV4Check.Problem(a, TestCredentials.SecretAccessKey)));
        Assert.Null(finding.Error);
    }

    [Fact]
    public async Task The_signature_check_fails_a_request_signed_with_another_key()
    {
        aws.Instances("us-east-1", new Instance(Id)).Events("us-east-1", Id);

        await AskInTracedAppAsync();

        var call = aws.LookupCalls().Single();
        Assert.Null(SigV4Check.Problem(call, TestCredentials.SecretAccessKey));
        Assert.StartsWith("signature mismatch", SigV4Check.Problem(call, "another-secret"));
    }

    private async Task<Finding> AskInTracedAppAsync()
    {
        await using var app = TestApp.WithSlack("Testing", aws.Configuration);
        var investigator = app.Services.GetRequiredService<IInvestigator>();
        // A question is always answered inside a traced request, so outgoing calls carry its trace.
        using var question = new Activity("question").Start();
        return (await investigator.InvestigateAsync(new Question(AwsAccount.Default, [Id], "us-east-1"), CancellationToken.None)).Single();
    }
}
