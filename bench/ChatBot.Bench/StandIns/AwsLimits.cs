namespace ChatBot.Bench.StandIns;

/// <summary>AWS's own limits, per account and region, as the stand-in enforces them: LookupEvents at most 2 in any
/// second, and EC2's Describe* bucket of 100 tokens refilling 20 a second. A call over the limit is refused the way
/// AWS refuses it, before any work.</summary>
public sealed class AwsLimits
{
    private const int LookupEventsPerSecond = 2;
    private const double Ec2Bucket = 100;
    private const double Ec2RefillPerSecond = 20;

    private readonly Dictionary<string, Queue<double>> lookups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Tokens, double AtMs)> ec2 = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>True when this call, arriving now, is over AWS's limit for its action in its region.</summary>
    public bool Refuses(string action, string region, double nowMs)
    {
        lock (gate)
        {
            return action == AwsStandIn.LookupEvents ? LookupOver(region, nowMs) : Ec2Over(region, nowMs);
        }
    }

    private bool LookupOver(string region, double nowMs)
    {
        var recent = lookups.TryGetValue(region, out var q) ? q : lookups[region] = new Queue<double>();
        while (recent.Count > 0 && recent.Peek() <= nowMs - 1000)
        {
            recent.Dequeue();
        }

        if (recent.Count >= LookupEventsPerSecond)
        {
            return true;
        }

        recent.Enqueue(nowMs);
        return false;
    }

    private bool Ec2Over(string region, double nowMs)
    {
        var (tokens, atMs) = ec2.TryGetValue(region, out var b) ? b : (Ec2Bucket, nowMs);
        tokens = Math.Min(Ec2Bucket, tokens + ((nowMs - atMs) / 1000 * Ec2RefillPerSecond));
        var over = tokens < 1;
        ec2[region] = (over ? tokens : tokens - 1, nowMs);
        return over;
    }
}
