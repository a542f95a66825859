namespace ChatBot.Investigation;

/// <summary>Reads a user agent (and invokedBy) as the way a call was made: Console, AWS CLI, Terraform, an SDK, a service.</summary>
public static class CallChannel
{
    private static readonly Dictionary<string, string> Services = new(StringComparer.Ordinal)
    {
        ["autoscaling.amazonaws.com"] = "Auto Scaling",
        ["ec2.amazonaws.com"] = "EC2",
        ["ssm.amazonaws.com"] = "Systems Manager",
        ["cloudformation.amazonaws.com"] = "CloudFormation",
        ["backup.amazonaws.com"] = "AWS Backup",
        ["elasticbeanstalk.amazonaws.com"] = "Elastic Beanstalk",
        ["eks.amazonaws.com"] = "EKS",
        ["ecs.amazonaws.com"] = "ECS",
        ["spot.amazonaws.com"] = "EC2 Spot",
        ["events.amazonaws.com"] = "EventBridge",
        ["scheduler.amazonaws.com"] = "EventBridge Scheduler",
        ["lambda.amazonaws.com"] = "Lambda",
    };

    // Checked in order: the first marker found in the user agent names the tool.
    private static readonly (string Marker, string Name)[] Tools =
    [
        ("Terraform", "Terraform"),
        ("terraform-provider-aws", "Terraform"),
        ("Pulumi", "Pulumi"),
        ("aws-cdk", "AWS CDK"),
        ("instance-scheduler", "Instance Scheduler"),
        ("aws-cli/", "AWS CLI"),
        ("aws-internal/", "Console"),
        ("console.amazonaws.com", "Console"),
        ("console.ec2.amazonaws.com", "Console"),
        ("signin.amazonaws.com", "Console"),
        ("AWS Internal", "Console"),
        ("Mozilla/", "Console"),
        ("Boto3/", "SDK (Python, Boto3)"),
        ("botocore/", "SDK (Python, botocore)"),
        ("aws-sdk-go", "SDK (Go)"),
        ("aws-sdk-java", "SDK (Java)"),
        ("aws-sdk-nodejs", "SDK (JavaScript)"),
        ("aws-sdk-js", "SDK (JavaScript)"),
        ("aws-sdk-dotnet", "SDK (.NET)"),
        ("aws-sdk-ruby", "SDK (Ruby)"),
        ("aws-sdk-php", "SDK (PHP)"),
        ("aws-sdk-rust", "SDK (Rust)"),
        ("AWSPowerShell", "AWS Tools for PowerShell"),
    ];

    /// <summary>How the call behind <paramref name="record"/> was made.</summary>
    public static string? From(TrailRecord record) =>
        record.SessionCredentialFromConsole == "true" ? "Console" : From(record.UserAgent, record.UserIdentity?.InvokedBy);

    public static string? From(string? userAgent, string? invokedBy)
    {
        if (invokedBy is not null && Services.ContainsKey(invokedBy))
        {
            return ServiceFor(invokedBy);
        }

        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        foreach (var (marker, name) in Tools)
        {
            if (userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        if (userAgent.EndsWith(".amazonaws.com", StringComparison.Ordinal) && !userAgent.Contains(' ', StringComparison.Ordinal))
        {
            return ServiceFor(userAgent);
        }

        return "other client";
    }

    /// <summary>"autoscaling.amazonaws.com" → "Auto Scaling"; unknown hosts keep their service prefix.</summary>
    public static string ServiceFor(string host) =>
        Services.TryGetValue(host, out var name) ? name : host.Split('.')[0];
}
