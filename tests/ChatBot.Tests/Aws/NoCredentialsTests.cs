
namespace ChatBot.Tests.Aws;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>Changes process-wide AWS variables, so it runs alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class NoCredentialsTests : IDisposable
{
    private readonly Dictionary<string, string?> saved = new[]
        { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE" }
        .ToDictionary(n => n, Environment.GetEnvironmentVariable);

    private readonly AwsStub aws = new();

    public NoCredentialsTests()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/nonexistent/config");
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        aws.Dispose();
    }

    [Fact]
    public async Task Missing_credentials_are_explained_with_how_to_provide_them()
    {
        using var engine = TestApp.Engine(aws);

        var finding = await engine.AskAsync("i-0123456789abcdef0", "us-east-1");

        Assert.Contains("No AWS credentials found", finding.Error);
        Assert.Contains("AWS_ACCESS_KEY_ID", finding.Error);
        Assert.Empty(aws.Server.LogEntries);
    }
}
