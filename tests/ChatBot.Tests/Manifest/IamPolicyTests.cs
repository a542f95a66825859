using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Aws.Accounts;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.S3;
using ChatBot.Feed.Queue;
using ChatBot.Tests.Hosting;

namespace ChatBot.Tests.Manifest;

/// <summary>manifest/iam-policy.json (the bot's own role) grants exactly what the code calls, and manifest/member-role.yaml
/// (the role it assumes in each member account) exactly what the engine calls there: nothing missing (AccessDenied in
/// production) and nothing extra (least privilege). The code names the IAM action at every AWS call site.</summary>
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
            .Concat(SourceFiles("Aws", "Accounts").SelectMany(text => Ec2Request().Matches(text).Select(m => "sts:" + m.Groups[1].Value)))
            .Concat(SourceFiles("Feed", "Queue").SelectMany(text => SqsCall().Matches(text).Select(m => "sqs:" + m.Groups[1].Value)))
            .Distinct().ToList();

        Assert.Contains(StsClient.AssumeRoleAction, operations);
        Assert.All(operations, op => Assert.Contains(op, code));
    }

    [Fact]
    public void The_bot_may_assume_only_the_member_role_by_its_default_name()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Repository.PathTo("manifest", "iam-policy.json")));
        var assume = policy.RootElement.GetProperty("Statement").EnumerateArray()
            .Single(s => s.GetProperty("Action").EnumerateArray().Any(a => a.GetString() == StsClient.AssumeRoleAction));

        Assert.Equal($"arn:aws:iam::*:role/{new AccountsOptions().RoleName}", assume.GetProperty("Resource").GetString());
    }

    [Fact]
    public void The_member_role_allows_exactly_what_the_engine_and_the_doctor_call_in_a_member_account()
    {
        var template = File.ReadAllText(Repository.PathTo("manifest", "member-role.yaml"));
        var permissions = template[template.IndexOf("Policies:", StringComparison.Ordinal)..template.IndexOf("Outputs:", StringComparison.Ordinal)];
        var granted = YamlListedAction().Matches(permissions).Select(m => m.Groups[1].Value).ToHashSet();
        // Everything signed with the account's own credentials: the EC2 client, the CloudTrail client (LookupEvents and
        // the doctor's describe calls) and the doctor's S3 call. STS, Athena and the queue are the bot's own account's.
        var inMemberAccount = SourceFiles("Aws", "Ec2").Concat(SourceFiles("Aws", "CloudTrail")).Concat(SourceFiles("Aws", "S3"))
            .SelectMany(text => ActionLiteral().Matches(text).Select(m => m.Groups[1].Value));

        Assert.Equal(inMemberAccount.Distinct().Order(), granted.Order());
        Assert.Contains(CloudTrailClient.DescribeTrailsAction, granted);
        Assert.Contains(S3BucketLifecycle.Action, granted);
    }

    [Fact]
    public void Every_action_the_doctor_names_is_granted_to_the_bot_and_the_queue_check_names_GetQueueAttributes()
    {
        Type[] clients = [typeof(SqsQueueClient), typeof(StsClient), typeof(CloudTrailClient), typeof(S3BucketLifecycle)];
        // The feed check lives with the feed, which owns the queue.
        var doctor = SourceFiles("Doctor").Append(File.ReadAllText(Repository.PathTo("src", "ChatBot", "Feed", "QueueFeedProbe.cs"))).SelectMany(text => DoctorConstant().Matches(text))
            .Select(m => clients.Single(t => t.Name == m.Groups[1].Value).GetField(m.Groups[2].Value)!.GetRawConstantValue() as string)
            .OfType<string>().Where(value => ActionLiteral().IsMatch($"\"{value}\""))
            .ToHashSet();
        // The trail checks reach CloudTrail and S3 through ITrailSettings and IBucketLifecycle.
        doctor.UnionWith([CloudTrailClient.DescribeTrailsAction, CloudTrailClient.GetTrailStatusAction, CloudTrailClient.GetEventSelectorsAction, S3BucketLifecycle.Action]);

        Assert.Contains("sqs:GetQueueAttributes", doctor);
        Assert.Contains("sts:AssumeRole", doctor);
        Assert.Subset(PolicyActions(), doctor);
    }

    [Fact]
    public void The_member_role_trusts_the_bot_s_role_with_an_optional_ExternalId_condition()
    {
        var template = File.ReadAllText(Repository.PathTo("manifest", "member-role.yaml"));

        Assert.Contains($"Default: {new AccountsOptions().RoleName}", template);
        Assert.Contains("RoleName: !Ref RoleName", template);
        Assert.Contains("AWS: !Ref BotRoleArn", template);
        Assert.Contains("Action: sts:AssumeRole", template);
        Assert.Contains("sts:ExternalId: !Ref ExternalId", template);
        Assert.Contains("HasExternalId: !Not [!Equals [!Ref ExternalId, \"\"]]", template);
    }

    [Fact]
    public void The_queue_actions_are_granted_on_the_events_queue_that_eventbridge_yaml_creates_and_nothing_else()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Repository.PathTo("manifest", "iam-policy.json")));
        var queue = Assert.Single(policy.RootElement.GetProperty("Statement").EnumerateArray(),
            s => s.GetProperty("Action").EnumerateArray().Any(a => a.GetString()!.StartsWith("sqs:", StringComparison.Ordinal)));
        var stack = File.ReadAllText(Repository.PathTo("manifest", "eventbridge.yaml"));

        Assert.All(queue.GetProperty("Action").EnumerateArray(), a => Assert.StartsWith("sqs:", a.GetString(), StringComparison.Ordinal));
        var resource = queue.GetProperty("Resource").GetString()!;
        Assert.StartsWith("arn:aws:sqs:", resource, StringComparison.Ordinal);
        Assert.Contains($"QueueName: {resource.Split(':')[^1]}\n", stack.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
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

    [GeneratedRegex(@"""((?:cloudtrail|ec2|sqs|sts|iam|ssm|autoscaling|organizations|athena|glue|s3):[A-Z][A-Za-z]+)""")]
    private static partial Regex ActionLiteral();

    [GeneratedRegex(@"^\s*-\s*((?:cloudtrail|ec2|sts|iam|athena|glue|s3):[A-Z][A-Za-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex YamlListedAction();

    // The doctor names the actions of the clients it uses through their constants.
    [GeneratedRegex(@"\b(SqsQueueClient|StsClient|CloudTrailClient|S3BucketLifecycle)\.(\w*Action)\b")]
    private static partial Regex DoctorConstant();

    [GeneratedRegex(@"new (\w+)Request\b")]
    private static partial Regex Ec2Request();

    // Operations are named where a JSON 1.1 target is built: Call("DescribeTrails", …).
    [GeneratedRegex(@"Call\(""(\w+)""")]
    private static partial Regex JsonCall();

    // SDK calls: client.GetLifecycleConfigurationAsync(…) needs s3:GetLifecycleConfiguration.
    [GeneratedRegex(@"\.(Get\w+?)Async\(")]
    private static partial Regex S3Call();

    // AWSSDK.SQS calls, e.g. sqs.ReceiveMessageAsync(…).
    [GeneratedRegex(@"sqs\.(\w+)Async\(")]
    private static partial Regex SqsCall();
}
