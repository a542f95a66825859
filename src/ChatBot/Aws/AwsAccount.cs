namespace ChatBot.Aws;

/// <summary>The AWS account a question is asked about. <see cref="Name"/> is the stable key of every per-account thing
/// (credentials, budgets, caches, remembered locations): the alias from WHOSTOPPED_ACCOUNTS, or "default" for the
/// credentials' own account when no accounts are configured.</summary>
public sealed record AwsAccount(string Name)
{
    public static AwsAccount Default { get; } = new("default");

    /// <summary>The 12-digit account ID; null for <see cref="Default"/>, whose ID the configuration does not name.</summary>
    public string? Id { get; init; }

    /// <summary>The alias people use in questions ("prod"); null for <see cref="Default"/>.</summary>
    public string? Alias { get; init; }

    /// <summary>The role assumed to read this account; null when the bot's own credentials are used.</summary>
    public string? RoleArn { get; init; }
}
