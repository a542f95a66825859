using System.Net;
using Amazon.Runtime;
using ChatBot.Aws;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Tests.Health;

public sealed class HealthTests : IDisposable
{
    private readonly List<TestApp> apps = [];

    public void Dispose() => apps.ForEach(a => a.Dispose());

    [Fact]
    public async Task Liveness_answers_even_when_AWS_credentials_are_missing()
    {
        using var client = WithCredentials(new CountingCredentials(fail: true)).CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_passes_when_configuration_is_valid_and_credentials_resolve()
    {
        using var client = WithCredentials(new CountingCredentials(fail: false)).CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"configuration\":{\"status\":\"Healthy\"", body);
        Assert.Contains("\"aws-credentials\":{\"status\":\"Healthy\"", body);
    }

    [Fact]
    public async Task Readiness_fails_and_says_how_to_fix_it_when_no_credentials_are_found()
    {
        using var client = WithCredentials(new CountingCredentials(fail: true)).CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("No AWS credentials found. Set AWS_ACCESS_KEY_ID", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Probes_reuse_the_credential_answer_for_a_minute_instead_of_resolving_each_time()
    {
        var credentials = new CountingCredentials(fail: false);
        var time = new ManualTime();
        using var client = WithCredentials(credentials, time).CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(1, credentials.Resolutions);
        time.Advance(TimeSpan.FromSeconds(61));
        await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(2, credentials.Resolutions);
    }

    [Fact]
    public async Task The_sandbox_is_ready_without_any_AWS_credentials()
    {
        await using var sandbox = TestApp.Bare("Development", new Dictionary<string, string?>(),
            s => s.Replace(ServiceDescriptor.Singleton<AWSCredentials>(new CountingCredentials(fail: true))));
        using var client = sandbox.CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sandbox", await response.Content.ReadAsStringAsync());
    }

    private TestApp WithCredentials(AWSCredentials credentials, TimeProvider? time = null)
    {
        var app = TestApp.WithSlack("Testing", new Dictionary<string, string?> { ["AWS_REGION"] = "eu-west-1" }, s =>
        {
            s.Replace(ServiceDescriptor.Singleton(credentials));
            if (time is not null)
            {
                s.Replace(ServiceDescriptor.Singleton(time));
            }
        });
        apps.Add(app);
        return app;
    }

    private sealed class CountingCredentials(bool fail) : AWSCredentials
    {
        private int resolutions;

        public int Resolutions => resolutions;

        public override ImmutableCredentials GetCredentials()
        {
            Interlocked.Increment(ref resolutions);
            return fail
                ? throw new NoCredentialsException(new AmazonClientException("Failed to resolve AWS credentials."))
                : new ImmutableCredentials("AKIAIOSFODNN7EXAMPLE", "not-a-real-secret", null);
        }
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset now = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
