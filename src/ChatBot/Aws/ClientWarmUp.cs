using ChatBot.Aws.Accounts;
using ChatBot.Aws.Ec2;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws;

/// <summary>With several accounts, at start-up and in the background: learns the bot's own account (so a first
/// AssumeRole never waits behind GetCallerIdentity) and builds the EC2 client of every account and configured region
/// (so a first question across the organisation does not build 80 of them while it waits). No EC2 call is made; the
/// member roles are assumed beside this, by <see cref="RoleSessions"/>. A failure here is only logged.</summary>
internal sealed partial class ClientWarmUp(
    AccountDirectory accounts, ICallerAccount caller, IEc2 ec2, IOptions<AwsOptions> options, ILogger<ClientWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!accounts.AreMany || accounts.All.All(a => a.RoleArn is null))
        {
            return;
        }

        var own = OwnAccountAsync(stoppingToken);
        if (ec2 is Ec2Client real)
        {
            foreach (var account in accounts.All)
            {
                foreach (var region in options.Value.SearchRegions)
                {
                    real.Prepare(account, region);
                }
            }
        }

        await own;
    }

    private async Task OwnAccountAsync(CancellationToken stoppingToken)
    {
        try
        {
            LogOwnAccount(await caller.IdAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before STS answered.
        }
#pragma warning disable CA1031 // Whatever went wrong, questions ask again and report it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The bot's own credentials belong to account {AccountId}")]
    private partial void LogOwnAccount(string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn the bot's own account at start-up ({ErrorType}: {ErrorMessage}); questions will ask again")]
    private partial void LogFailed(string errorType, string errorMessage);
}
