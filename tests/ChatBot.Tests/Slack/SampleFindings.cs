using ChatBot.Investigation;

namespace ChatBot.Tests.Slack;

/// <summary>Findings shaped like the engine's output for the cases the Slack answer has to draw.</summary>
internal static class SampleFindings
{
    public const string Id = "i-0123456789abcdef0";
    public static readonly DateTimeOffset StopTime = new(2026, 11, 20, 10, 3, 12, TimeSpan.Zero);

    public static Actor Alice { get; } = new("alice@example.com", "AssumedRole", "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com")
    {
        Detail = "permission set Admin",
        AccessKeyId = "ASIAEXAMPLEKEY123456",
        Mfa = true,
    };

    public static Finding StoppedFromConsole { get; } = new()
    {
        InstanceId = Id,
        Region = "eu-west-1",
        Found = true,
        State = "stopped",
        StateReasonCode = "Client.UserInitiatedShutdown",
        StateReasonMessage = "Client.UserInitiatedShutdown: User initiated shutdown",
        StoppedAt = StopTime,
        InstanceName = "web-1",
        Tags = new Dictionary<string, string> { ["Name"] = "web-1", ["team"] = "payments", ["env"] = "prod" },
        InstanceType = "m5.large",
        AvailabilityZone = "eu-west-1a",
        Cause = StopCause.Api,
        Why = Why.Stopped,
        Stop = new StateChange("StopInstances", StopTime, Alice, "Console", "6f1c2a3b-1111-2222-3333-444455556666")
        {
            SourceIp = "203.0.113.7",
            UserAgent = "AWS Internal",
        },
        AlsoStopped = ["i-0fedcba9876543210"],
        History = [new StateChange("StopInstances", StopTime, Alice, "Console", "6f1c2a3b-1111-2222-3333-444455556666") { SourceIp = "203.0.113.7" }],
        DeniedAttempts = [new StateChange("StopInstances", StopTime.AddMinutes(-5), new Actor("bob", "IAMUser", null), "AWS CLI", "e-denied") { ErrorCode = "Client.UnauthorizedOperation" }],
        Links = new ConsoleLinks(
            "https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/events/6f1c2a3b-1111-2222-3333-444455556666",
            "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0123456789abcdef0"),
    };

    /// <summary>Found, but with nothing known beyond that: a summary and no thread.</summary>
    public static Finding WithoutDetails { get; } = new() { InstanceId = Id, Found = true, State = "stopped" };

    /// <summary>Someone with AWS access set hostile tags and a hostile role session name.</summary>
    public static Finding WithHostileStrings { get; } = StoppedFromConsole with
    {
        InstanceName = "<!channel> web & api",
        Tags = new Dictionary<string, string> { ["Name"] = "<!channel> web & api", ["owner"] = "<@U123ABC>", ["env"] = "<!here>" },
        Stop = StoppedFromConsole.Stop! with
        {
            Actor = new Actor("<!everyone>", "AssumedRole", "arn:aws:sts::1:assumed-role/x/<@U999>") { Detail = "<https://evil.example|click>" },
            UserAgent = "curl <@U123ABC>",
        },
        StateReasonMessage = "<!subteam^S123> did it",
    };
}
