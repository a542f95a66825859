namespace ChatBot.Aws;

/// <summary>The keys under which the rate budgets are registered (keyed singletons of <see cref="IRateBudget"/>),
/// so a shared implementation can replace both without touching their callers.</summary>
public static class RateBudgets
{
    /// <summary>CloudTrail LookupEvents: AWS allows 2 per second per account and region.</summary>
    public const string LookupEvents = "lookup-events";

    /// <summary>EC2 Describe* calls: AWS's bucket (100, refilling 20/s per account and region) is shared with the whole
    /// account, so the bot keeps to a quarter of it.</summary>
    public const string Ec2 = "ec2";

    public const double LookupEventsPerSecond = 2;
    public const int Ec2Burst = 10;
    public const double Ec2PerSecond = 5;

    /// <summary>Budgets are per account and region.</summary>
    public static string Key(AwsAccount account, string region) => $"{account.Name}/{region}";
}
