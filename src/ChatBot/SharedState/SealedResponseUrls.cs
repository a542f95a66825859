using ChatBot.Slack.Rechecks;

namespace ChatBot.SharedState;

/// <summary>Pending re-checks' response_urls sealed by encryption rather than kept behind a handle in one process, so
/// that the replica that takes a re-check over can open it (see <see cref="SecretSeal"/>).</summary>
public sealed class SealedResponseUrls(SecretSeal secretSeal) : IResponseUrlSeal
{
    private const string Prefix = "aes:";
    private const string Purpose = "response_url";

    public string Seal(string responseUrl) => Prefix + secretSeal.Seal(Purpose, responseUrl);

    public string? Open(string seal) =>
        seal is not null && seal.StartsWith(Prefix, StringComparison.Ordinal) ? secretSeal.Open(Purpose, seal[Prefix.Length..]) : null;

    /// <summary>Nothing is kept apart from the entry itself, which goes with its re-check.</summary>
    public void Discard(string seal)
    {
    }
}
