namespace ChatBot.Aws;

/// <summary>The AWS account a question is asked about. Today only the credentials' own account;
/// the name keys the rate budget and caches so that more accounts (AssumeRole) slot in later.</summary>
public sealed record AwsAccount(string Name)
{
    public static AwsAccount Default { get; } = new("default");
}
