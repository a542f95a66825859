using System.Security.Cryptography;
using System.Text;
using ChatBot.Slack;

namespace ChatBot.SharedState;

/// <summary>Seals what the bot keeps in Redis that holds a response_url (a kept job, a pending re-check): a
/// response_url lets anyone holding it post into the asker's channel, so it is never stored in clear. AES-256-GCM with a random 96-bit nonce per job; the key is derived
/// with HKDF-SHA256 from the Slack signing secret (or, in Socket Mode, the app token), which every replica of one
/// Slack app shares and Redis never sees. What it is sealed for (a job's ticket) is bound in as associated data, so a
/// sealed text cannot be passed off as another.</summary>
public sealed class SecretSeal
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("whostopped sealed state v1");

    private readonly byte[] key;

    public SecretSeal(SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = !string.IsNullOrEmpty(options.SigningSecret) ? options.SigningSecret : options.AppToken;
        if (string.IsNullOrEmpty(secret))
        {
            // Only the sandbox runs without either; its jobs are then sealed for this process alone.
            key = RandomNumberGenerator.GetBytes(32);
            return;
        }

        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Info);
    }

    public string Seal(string ticket, string plain)
    {
        var text = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + text.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, text, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(ticket));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <returns>The job's text, or null when it was not sealed with this key (another Slack app's, a rotated secret)
    /// or was altered.</returns>
    public string? Open(string ticket, string sealedText)
    {
        try
        {
            var sealedBytes = Convert.FromBase64String(sealedText);
            if (sealedBytes.Length < NonceSize + TagSize)
            {
                return null;
            }

            var text = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), text,
                Encoding.UTF8.GetBytes(ticket));
            return Encoding.UTF8.GetString(text);
        }
        catch (Exception e) when (e is FormatException or AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
