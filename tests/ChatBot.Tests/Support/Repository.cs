namespace ChatBot.Tests.Support;

/// <summary>Files of this repository, for tests that check source and shipped artefacts against each other.</summary>
public static class Repository
{
    public static DirectoryInfo Root { get; } = FindRoot();

    public static string PathTo(params string[] parts) => Path.Combine([Root.FullName, .. parts]);

    private static DirectoryInfo FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir ?? throw new InvalidOperationException("ChatBot.sln not found above " + AppContext.BaseDirectory);
    }
}
