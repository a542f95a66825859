using System.Security;

namespace ChatBot.Tests.Support;

/// <summary>One EC2 instance as DescribeInstances returns it.</summary>
public sealed record Instance(string Id, string State = "stopped")
{
    public string? ReasonCode { get; init; } = "Client.UserInitiatedShutdown";
    public string? Transition { get; init; } = "User initiated (2026-11-20 10:03:12 GMT)";
    public string Type { get; init; } = "t3.micro";
    public string Zone { get; init; } = "us-east-1a";
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string> { ["Name"] = "web-1", ["team"] = "payments" };

    public string Xml() =>
        $"<item><instanceId>{Id}</instanceId><imageId>ami-0abcdef1234567890</imageId>"
        + $"<instanceState><code>{Code(State)}</code><name>{State}</name></instanceState>"
        + (Transition is null ? "<reason/>" : $"<reason>{Transition}</reason>")
        + $"<instanceType>{Type}</instanceType><launchTime>2026-11-01T09:00:00.000Z</launchTime>"
        + $"<placement><availabilityZone>{Zone}</availabilityZone><tenancy>default</tenancy></placement>"
        + (ReasonCode is null ? "" : $"<stateReason><code>{ReasonCode}</code><message>{ReasonCode}: {Message(ReasonCode)}</message></stateReason>")
        + "<tagSet>" + string.Concat(Tags.Select(t => $"<item><key>{SecurityElement.Escape(t.Key)}</key><value>{SecurityElement.Escape(t.Value)}</value></item>")) + "</tagSet>"
        + "</item>";

    private static int Code(string state) => state switch
    {
        "pending" => 0, "running" => 16, "shutting-down" => 32, "terminated" => 48, "stopping" => 64, _ => 80,
    };

    private static string Message(string code) => code switch
    {
        "Client.InstanceInitiatedShutdown" => "Instance initiated shutdown",
        "Server.SpotInstanceTermination" => "Spot instance termination",
        _ => "User initiated shutdown",
    };
}
