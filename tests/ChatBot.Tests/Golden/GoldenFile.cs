using System.Runtime.CompilerServices;

namespace ChatBot.Tests.Golden;

/// <summary>Output compared byte for byte with a file under Golden/Expected. WHOSTOPPED_WRITE_GOLDEN=1 rewrites the
/// files instead, for a change of output that is meant; the diff then shows exactly what changed.</summary>
internal static class GoldenFile
{
    public static void Matches(string name, string actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "Expected", name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("WHOSTOPPED_WRITE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
