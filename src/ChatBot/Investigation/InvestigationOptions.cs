using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Investigation;

public sealed class InvestigationOptions
{
    /// <summary>How long one question may take before the answer says what is still unknown.</summary>
    [ConfigurationKeyName("WHOSTOPPED_TIMEOUT_SECONDS")]
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 25;

    /// <summary>LookupEvents pages (50 events each) to read before giving up on finding a stop.</summary>
    [ConfigurationKeyName("WHOSTOPPED_MAX_PAGES")]
    [Range(1, 100)]
    public int MaxPages { get; set; } = 10;

    /// <summary>How long an answer is reused while the instance's state is unchanged.</summary>
    [ConfigurationKeyName("WHOSTOPPED_CACHE_SECONDS")]
    [Range(0, 3600)]
    public int CacheSeconds { get; set; } = 60;

    /// <summary>How long an instance's state from DescribeInstances is reused, so that a storm of questions shares one call.</summary>
    [ConfigurationKeyName("WHOSTOPPED_STATE_SECONDS")]
    [Range(0, 300)]
    public int StateSeconds { get; set; } = 5;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
