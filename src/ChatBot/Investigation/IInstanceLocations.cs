namespace ChatBot.Investigation;

/// <summary>Where instances were found. An instance never moves to another account or region, so once found it is
/// asked about only there; the entry is dropped when EC2 there no longer knows it (terminated instances vanish from
/// EC2 after about an hour). In memory by default; a shared store can stand behind the same interface.</summary>
public interface IInstanceLocations
{
    ValueTask<InstanceLocation?> FindAsync(string instanceId, CancellationToken cancellationToken);

    ValueTask RememberAsync(string instanceId, InstanceLocation location, CancellationToken cancellationToken);

    /// <summary>Drops the entry only if it still names <paramref name="location"/>: a newer one is kept.</summary>
    ValueTask ForgetAsync(string instanceId, InstanceLocation location, CancellationToken cancellationToken);
}

/// <param name="AccountName">The account's <see cref="Aws.AwsAccount.Name"/>.</param>
public sealed record InstanceLocation(string AccountName, string Region);
