using System.Text.RegularExpressions;

namespace ChatBot.Tests.Hosting;

/// <summary>The app's top-level folders form no loop: no folder depends on a folder that depends on it.</summary>
public sealed partial class FolderDependencyTests
{
    private static readonly DirectoryInfo App = new(Repository.PathTo("src", "ChatBot"));

    [Fact]
    public void No_folder_depends_on_a_folder_that_depends_on_it()
    {
        var edges = Edges();
        Assert.NotEmpty(edges);
        var loops = edges.Keys.SelectMany(start => LoopsFrom(start, edges)).Distinct().ToList();
        Assert.True(loops.Count == 0, "Folder loops: " + string.Join("; ", loops));
    }

    [Fact]
    public void The_check_sees_a_reference_through_a_using_and_through_a_qualified_name()
    {
        var tops = new HashSet<string> { "Slack", "Investigation" };
        Assert.Equal(["Slack"], References("using ChatBot.Slack.Answers;", tops));
        Assert.Equal(["Investigation"], References("public Investigation.Finding? Posted { get; set; }", tops));
        Assert.Empty(References("// Slack.Answers is mentioned in a comment only", tops));
    }

    /// <summary>For each top-level folder, the other top-level folders its files name.</summary>
    private static Dictionary<string, HashSet<string>> Edges()
    {
        var tops = App.GetDirectories().Select(d => d.Name).Where(n => n is not ("bin" or "obj")).ToHashSet();
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var top in tops)
        {
            var files = new DirectoryInfo(Path.Combine(App.FullName, top)).EnumerateFiles("*.cs", SearchOption.AllDirectories);
            edges[top] = [.. files.SelectMany(f => References(File.ReadAllText(f.FullName), tops)).Where(t => t != top)];
        }

        return edges;
    }

    private static IEnumerable<string> References(string source, HashSet<string> tops)
    {
        var code = Comment().Replace(source, "");
        return Qualified().Matches(code).Select(m => m.Groups["top"].Value).Where(tops.Contains).Distinct();
    }

    /// <summary>Each loop through <paramref name="start"/> once, written from its alphabetically first folder.</summary>
    private static IEnumerable<string> LoopsFrom(string start, Dictionary<string, HashSet<string>> edges)
    {
        var stack = new Stack<List<string>>([[start]]);
        while (stack.TryPop(out var path))
        {
            foreach (var next in edges.GetValueOrDefault(path[^1]) ?? [])
            {
                if (next == start && path.All(p => string.CompareOrdinal(p, start) >= 0))
                {
                    yield return string.Join(" -> ", path.Append(start));
                }
                else if (!path.Contains(next) && string.CompareOrdinal(next, start) > 0)
                {
                    stack.Push([.. path, next]);
                }
            }
        }
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    /// <summary>"ChatBot.Slack…" (a using or a full name) or "Slack.Type" (a name relative to the root namespace).</summary>
    [GeneratedRegex(@"(?<![\w.])(?:ChatBot\.)?(?<top>[A-Z]\w*)\.[A-Z]")]
    private static partial Regex Qualified();
}
