using Amazon.Runtime;
using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using Microsoft.Extensions.Options;

namespace ChatBot.Doctor;

/// <summary>Gets into each account the way questions do: through the same cached credentials (AssumeRole for a member
/// account, none for the bot's own), so a role that answers here answers questions, and asking costs no extra
/// AssumeRole while a session is fresh.</summary>
internal sealed class MemberRoleProbe(AccountCredentials credentials, ICallerAccount caller, IOptions<AccountsOptions> options) : IMemberRoleProbe
{
    public async Task<CheckResult> CheckAsync(AwsAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await credentials.For(account).GetCredentialsAsync().WaitAsync(cancellationToken);
        }
        catch (RoleUnavailableException e)
        {
            return Result(account, CheckStatus.Fail, Refusal(account, e.ErrorCode), Fix(account));
        }
        catch (Exception e) when (e is NoCredentialsException or AmazonClientException)
        {
            return Result(account, CheckStatus.Fail, e.Message,
                "Give the bot credentials: AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a task or instance role.");
        }

        if (account.RoleArn is null)
        {
            return Result(account, CheckStatus.Ok, "No member role to assume: WHOSTOPPED_ACCOUNTS is not set, and the bot's own credentials resolve.", null);
        }

        // Known by now: the credentials asked it before choosing between the bot's own and the role.
        return await IsOwnAsync(account, cancellationToken)
            ? Result(account, CheckStatus.Ok, $"Account {account.Id} is the bot's own: read with its own credentials, no {StsClient.AssumeRoleAction}.", null)
            : Result(account, CheckStatus.Ok, $"{account.RoleArn} can be assumed ({StsClient.AssumeRoleAction}, session {StsClient.SessionName}{WithExternalId}).", null);
    }

    private string WithExternalId => string.IsNullOrEmpty(options.Value.ExternalId) ? "" : ", with the ExternalId";

    private string Refusal(AwsAccount account, string code) => code switch
    {
        "AccessDenied" => $"{StsClient.AssumeRoleAction} on {account.RoleArn} was denied (AccessDenied): the bot's role lacks {StsClient.AssumeRoleAction} on it, "
            + "or the role does not exist or does not trust the bot's role"
            + (string.IsNullOrEmpty(options.Value.ExternalId)
                ? $", or its trust policy requires an ExternalId and {AccountsOptions.ExternalIdVariable} is not set."
                : $", or its trust policy expects another ExternalId than {AccountsOptions.ExternalIdVariable}."),
        "ExpiredToken" or "InvalidClientTokenId" or "NoCredentials" =>
            $"{StsClient.AssumeRoleAction} on {account.RoleArn} failed ({code}): STS refused the bot's own credentials, so no role can be assumed.",
        "RegionDisabledException" => $"{StsClient.AssumeRoleAction} on {account.RoleArn} failed ({code}): STS is not activated in the bot's home region.",
        _ => $"{StsClient.AssumeRoleAction} on {account.RoleArn} failed ({code}).",
    };

    private string Fix(AwsAccount account) =>
        $"In account {account.Id}: aws cloudformation deploy --stack-name whostopped-read --template-file manifest/member-role.yaml --capabilities CAPABILITY_NAMED_IAM "
        + $"--parameter-overrides BotRoleArn=<the bot's role ARN>{(string.IsNullOrEmpty(options.Value.ExternalId) ? "" : $" ExternalId=<{AccountsOptions.ExternalIdVariable}>")}; "
        + $"and allow {StsClient.AssumeRoleAction} on {account.RoleArn} in the bot's policy ({Problems.PolicyFile}).";

    private async Task<bool> IsOwnAsync(AwsAccount account, CancellationToken ct)
    {
        try
        {
            return await caller.IdAsync(ct) == account.Id;
        }
        catch (Exception e) when (e is AwsCallException or NoCredentialsException or HttpRequestException or AmazonClientException)
        {
            return false;
        }
    }

    private static CheckResult Result(AwsAccount account, CheckStatus status, string detail, string? fix) =>
        new(account, null, CheckNames.MemberRole, status, detail, fix);
}
