using ChatBot.Aws.CloudTrail;

namespace ChatBot.Doctor;

/// <summary>Whether a trail's event selectors record EC2's management write events (StopInstances is one).</summary>
internal static class EventCoverage
{
    private const string Ec2Source = "ec2.amazonaws.com";

    /// <returns>How the selectors record them, in a few words; null when they do not.</returns>
    public static string? RecordsEc2Writes(TrailSelectors selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        if (selectors.AdvancedEventSelectors is { Count: > 0 } advanced)
        {
            return advanced.FirstOrDefault(Covers) is { } selector ? $"advanced selector \"{selector.Name ?? "unnamed"}\"" : null;
        }

        return (selectors.EventSelectors ?? [])
            .FirstOrDefault(s => s.IncludeManagementEvents != false && s.ReadWriteType is null or "All" or "WriteOnly") is { } basic
            ? $"basic selector, {basic.ReadWriteType ?? "All"}"
            : null;
    }

    /// <summary>Advanced selectors AND their field selectors: every one must let a management write call from EC2 through.</summary>
    private static bool Covers(AdvancedEventSelector selector)
    {
        var fields = selector.FieldSelectors ?? [];
        return fields.Any(f => f.Field == "eventCategory" && f.EqualsTo?.Contains("Management") == true)
            && fields.All(f => f.Field switch
            {
                "eventCategory" => f.EqualsTo?.Contains("Management") != false,
                "readOnly" => f.EqualsTo?.Contains("true") != true && f.NotEquals?.Contains("false") != true,
                "eventSource" => f.EqualsTo?.Contains(Ec2Source) != false && f.NotEquals?.Contains(Ec2Source) != true,
                _ => true,
            });
    }
}
