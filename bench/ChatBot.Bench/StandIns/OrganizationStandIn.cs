using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatBot.Bench.StandIns;

/// <summary>How a request reached a member account: whose keys signed it, and whether AWS would have taken it.</summary>
/// <param name="Account">The account the keys belong to: the bot's own for its own keys, the role's for temporary ones.</param>
/// <param name="Problem">Why AWS would refuse it (a bad signature, a missing or wrong session token); null when it would not.</param>
public sealed record Caller(string Account, bool Temporary, string? Problem);

/// <summary>An organisation of member accounts behind STS (query protocol, as AWSSDK.SecurityToken speaks it):
/// GetCallerIdentity names the bot's own account, and AssumeRole hands out temporary credentials for
/// <c>arn:aws:iam::ID:role/…</c>, one hour long. Every other request is checked as AWS checks it: its SigV4 signature is
/// recomputed with the secret of the key that signed it, and temporary keys must carry their X-Amz-Security-Token.</summary>
public sealed partial class OrganizationStandIn(string ownAccount, string ownSecret)
{
    private readonly ConcurrentDictionary<string, (string Account, string Secret, string Token)> issued = new();
    private int sessions;

    public const string AssumeRole = "AssumeRole";
    public const string GetCallerIdentity = "GetCallerIdentity";

    public static string AccountId(int index) => (100_000_000_000L + index).ToString(CultureInfo.InvariantCulture);

    public static bool IsSts(string body) => body.StartsWith("Action=AssumeRole&", StringComparison.Ordinal)
        || body.StartsWith("Action=GetCallerIdentity&", StringComparison.Ordinal);

    /// <summary>An STS call: its action, the account it is about (the role's for AssumeRole) and the XML to answer.</summary>
    public (string Action, string Account, string Xml) Sts(string body)
    {
        var form = QueryHelpers.ParseQuery(body);
        if (form["Action"] == GetCallerIdentity)
        {
            return (GetCallerIdentity, ownAccount,
                "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                + $"<Arn>arn:aws:iam::{ownAccount}:role/whostopped</Arn><UserId>AROABENCH:whostopped</UserId><Account>{ownAccount}</Account>"
                + "</GetCallerIdentityResult><ResponseMetadata><RequestId>bench-gci</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
        }

        var roleArn = form["RoleArn"].ToString();
        var account = roleArn.Split(':')[4];
        var n = Interlocked.Increment(ref sessions);
        var key = $"ASIA{account}{n:X4}";
        var session = (account, $"bench-secret-{account}-{n}", $"bench-token-{account}-{n}");
        issued[key] = session;
        var expires = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return (AssumeRole, account,
            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
            + $"<Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>{session.Item2}</SecretAccessKey>"
            + $"<SessionToken>{session.Item3}</SessionToken><Expiration>{expires}</Expiration></Credentials>"
            + $"<AssumedRoleUser><Arn>arn:aws:sts::{account}:assumed-role/whostopped-read/whostopped</Arn><AssumedRoleId>AROABENCH:whostopped</AssumedRoleId></AssumedRoleUser>"
            + "</AssumeRoleResult><ResponseMetadata><RequestId>bench-ar</RequestId></ResponseMetadata></AssumeRoleResponse>");
    }

    /// <summary>Whose keys signed this request, and whether AWS would accept the signature and session token.</summary>
    public Caller Identify(HttpRequest request, string body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (Signature().Match(authorization) is not { Success: true } m)
        {
            return new Caller(ownAccount, false, "not signed");
        }

        var key = m.Groups["key"].Value;
        var token = request.Headers["X-Amz-Security-Token"].ToString();
        if (!issued.TryGetValue(key, out var session))
        {
            return new Caller(ownAccount, false, Verify(request, body, m, ownSecret));
        }

        var problem = token != session.Token ? "session token missing or wrong"
            : !m.Groups["signed"].Value.Split(';').Contains("x-amz-security-token") ? "session token not signed"
            : Verify(request, body, m, session.Secret);
        return new Caller(session.Account, true, problem);
    }

    private static string? Verify(HttpRequest request, string body, Match m, string secret)
    {
        var signed = m.Groups["signed"].Value.Split(';');
        var canonical = string.Join('\n',
            request.Method, request.Path.HasValue ? request.Path.Value : "/", CanonicalQuery(request),
            string.Concat(signed.Select(h => $"{h}:{HeaderValue(request, h)}\n")),
            string.Join(';', signed), Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        var scope = m.Groups["scope"].Value;
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var signingKey = scope.Split('/').Aggregate(Encoding.UTF8.GetBytes("AWS4" + secret), Hmac);
        return Hex(Hmac(signingKey, toSign)) == m.Groups["signature"].Value ? null : "signature mismatch";
    }

    private static string HeaderValue(HttpRequest request, string name) => name == "host"
        ? request.Host.Value ?? ""
        : string.Join(",", request.Headers[name].Select(v => (v ?? "").Trim()));

    private static string CanonicalQuery(HttpRequest request) => string.Join('&', request.Query
        .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
        .Order(StringComparer.Ordinal));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<scope>[^,]+), SignedHeaders=(?<signed>[^,]+), Signature=(?<signature>[0-9a-f]+)$")]
    private static partial Regex Signature();
}
