using System.Xml.Linq;

namespace ChatBot.Tests.Hosting;

/// <summary>The runtime settings the latency targets were measured with (see the README's benchmark section) stay in
/// the project and in the image: losing one brings back the pauses and recompilation seen in the storm and accounts runs.</summary>
public sealed class RuntimeSettingsTests
{
    private static readonly XElement Project = XElement.Load(Repository.PathTo("src", "ChatBot", "ChatBot.csproj"));

    [Fact]
    public void Every_build_keeps_server_GC_with_fixed_heaps_rather_than_dynamic_adaptation()
    {
        var always = Project.Elements("PropertyGroup").Where(g => g.Attribute("Condition") is null);

        Assert.Equal("0", always.Elements("GarbageCollectionAdaptationMode").Single().Value);
        Assert.DoesNotContain(always.Elements("ServerGarbageCollection"), e => e.Value == "false");
    }

    [Fact]
    public void What_is_published_is_precompiled_for_the_build_machine_and_never_recompiled()
    {
        var publishing = Project.Elements("PropertyGroup")
            .Single(g => g.Attribute("Condition")?.Value.Contains("'$(_IsPublishing)' == 'true'", StringComparison.Ordinal) == true);

        Assert.Equal("true", publishing.Element("PublishReadyToRun")?.Value);
        Assert.Equal("false", publishing.Element("TieredCompilation")?.Value);
        Assert.Equal("false", publishing.Element("SelfContained")?.Value);
        Assert.Equal("$(NETCoreSdkPortableRuntimeIdentifier)", publishing.Element("RuntimeIdentifier")?.Value);
    }

    [Fact]
    public void The_image_restores_and_publishes_for_the_same_runtime_so_ReadyToRun_finds_its_assets()
    {
        var steps = File.ReadAllLines(Repository.PathTo("Dockerfile")).Where(l => l.StartsWith("RUN dotnet ", StringComparison.Ordinal)).ToList();

        Assert.Collection(steps,
            restore => Assert.Contains("dotnet restore src/ChatBot/ChatBot.csproj --use-current-runtime", restore, StringComparison.Ordinal),
            publish =>
            {
                Assert.Contains("dotnet publish src/ChatBot/ChatBot.csproj", publish, StringComparison.Ordinal);
                Assert.Contains("--use-current-runtime --no-restore", publish, StringComparison.Ordinal);
            });
    }
}
