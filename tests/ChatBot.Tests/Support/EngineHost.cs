using ChatBot.Aws;
using ChatBot.Investigation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Tests.Support;

/// <summary>The real AWS clients and engine, pointed at an <see cref="AwsStub"/> through the standard endpoint variables.</summary>
public sealed class EngineHost : IDisposable
{
    private readonly IHost host;

    public EngineHost(AwsStub aws, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(aws.Configuration);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddAws();
        builder.AddInvestigation();
        services?.Invoke(builder.Services);
        host = builder.Build();
    }

    public IInvestigator Investigator => host.Services.GetRequiredService<IInvestigator>();

    public IServiceProvider Services => host.Services;

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public async Task<Finding> AskAsync(string instanceId, string? region = null) =>
        (await Investigator.InvestigateAsync(new Question(AwsAccount.Default, [instanceId], region), CancellationToken.None)).Single();

    public void Dispose() => host.Dispose();
}
