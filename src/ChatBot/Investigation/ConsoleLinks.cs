using ChatBot.Aws;

namespace ChatBot.Investigation;

/// <summary>Deep links into the AWS console, right for the region's partition (aws, aws-cn, aws-us-gov).</summary>
public sealed record ConsoleLinks(string? Event, string? Instance)
{
    public static ConsoleLinks For(string? region, string instanceId, string? eventId) => region is null
        ? new ConsoleLinks(null, null)
        : new ConsoleLinks(
            eventId is null ? null : $"{ConsoleHome(region)}/cloudtrailv2/home?region={region}#/events/{Uri.EscapeDataString(eventId)}",
            $"{ConsoleHome(region)}/ec2/home?region={region}#InstanceDetails:instanceId={Uri.EscapeDataString(instanceId)}");

    private static string ConsoleHome(string region) => Partition.ForRegion(region).Name switch
    {
        "aws-cn" => $"https://{region}.console.amazonaws.cn",
        "aws-us-gov" => "https://console.amazonaws-us-gov.com",
        _ => $"https://{region}.console.aws.amazon.com",
    };
}
