using System.Collections.Concurrent;
using Amazon.Runtime;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.Accounts;

/// <summary>The credentials to sign with for each account: the bot's own for the default account and for its own
/// account, otherwise the account's role (assumed and cached per account).</summary>
public sealed class AccountCredentials(
    AWSCredentials own, ISecurityTokens sts, ICallerAccount caller, IOptions<AccountsOptions> options, TimeProvider time,
    ILogger<AccountCredentials> logger)
{
    private readonly ConcurrentDictionary<string, AWSCredentials> byAccount = new();

    public AWSCredentials For(AwsAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.RoleArn is null || account.Id is null
            ? own
            : byAccount.GetOrAdd(account.Name, _ => new RoleCredentials(account, own, sts, caller, options.Value.ExternalId, time, logger));
    }
}
