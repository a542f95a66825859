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

    /// <summary>The same destinations through the AWS access portal's shortcut links, which sign in to the given account
    /// with the given permission set first: a plain console link opens in whatever account the browser is in.
    /// Form: <c>{start URL}/#/console?account_id={id}&amp;role_name={permission set}&amp;destination={URL-encoded console URL}</c>.</summary>
    public ConsoleLinks ThroughPortal(string startUrl, string accountId, string permissionSet)
    {
        ArgumentNullException.ThrowIfNull(startUrl);
        var portal = $"{startUrl.Split('#')[0].TrimEnd('/')}/#/console?account_id={Uri.EscapeDataString(accountId)}&role_name={Uri.EscapeDataString(permissionSet)}&destination=";
        return new(Event is null ? null : portal + Uri.EscapeDataString(Event), Instance is null ? null : portal + Uri.EscapeDataString(Instance));
    }

    private static string ConsoleHome(string region) => Partition.ForRegion(region).Name switch
    {
        "aws-cn" => $"https://{region}.console.amazonaws.cn",
        "aws-us-gov" => "https://console.amazonaws-us-gov.com",
        _ => $"https://{region}.console.aws.amazon.com",
    };
}
