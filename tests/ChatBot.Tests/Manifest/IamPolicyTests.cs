using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Tests.Hosting;

namespace ChatBot.Tests.Manifest;

/// <summary>manifest/iam-policy.json grants exactly what the code calls: nothing missing (AccessDenied in production)
/// and nothing extra (least privilege). The code names the IAM action at every AWS call site.</summary>
public partial class IamPolicyTests
{
    [Fact]
    public void The_policy_allows_exactly_the_actions_the_code_calls()
    {
        Assert.Equal(CodeActions().Order(), PolicyActions().Order());
    }

    [Fact]
    public void Every_AWS_operation_in_the_code_has_its_action_named()
    {
        var code = CodeActions();
        var operations = SourceFiles("Aws", "Ec2").SelectMany(text => Ec2Request().Matches(text).Select(m => "ec2:" + m.Groups[1].Value))
            .Concat(SourceFiles("Aws", "CloudTrail").SelectMany(text => JsonCall().Matches(text).Select(m => "cloudtrail:" + m.Groups[1].Value)))
            .Concat(SourceFiles("Aws", "Athena").SelectMany(text => JsonCall().Matches(text).Select(m => "athena:" + m.Groups[1].Value)))
            .Concat(SourceFiles("Aws", "S3").SelectMany(text => S3Call().Matches(text).Select(m => "s3:" + m.Groups[1].Value)))
            .Distinct().ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, op => Assert.Contains(op, code));
    }

    private static HashSet<string> PolicyActions()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Repository.PathTo("manifest", "iam-policy.json")));
        return policy.RootElement.GetProperty("Statement").EnumerateArray()
            .Where(s => s.GetProperty("Effect").GetString() == "Allow")
            .SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!))
            .ToHashSet();
    }

    // Action strings in code, not in comments: "service:Operation".
    private static HashSet<string> CodeActions() => SourceFiles()
        .SelectMany(text => text.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)))
        .SelectMany(line => ActionLiteral().Matches(line).Select(m => m.Groups[1].Value))
        .ToHashSet();

    private static IEnumerable<string> SourceFiles(params string[] under) =>
        Directory.EnumerateFiles(Repository.PathTo(["src", "ChatBot", .. under]), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);

    [GeneratedRegex(@"""((?:cloudtrail|ec2|sts|iam|ssm|autoscaling|organizations|athena|glue|s3):[A-Z][A-Za-z]+)""")]
    private static partial Regex ActionLiteral();

    [GeneratedRegex(@"new (\w+)Request\b")]
    private static partial Regex Ec2Request();

    // Operations are named where a JSON 1.1 target is built: Call("DescribeTrails", …).
    [GeneratedRegex(@"Call\(""(\w+)""")]
    private static partial Regex JsonCall();

    // SDK calls: client.GetLifecycleConfigurationAsync(…) needs s3:GetLifecycleConfiguration.
    [GeneratedRegex(@"\.(Get\w+?)Async\(")]
    private static partial Regex S3Call();
}
