namespace ChatBot.Aws.Accounts;

/// <summary>With several accounts, asks STS for the bot's own account at start-up, in the background, so the first
/// question's AssumeRole does not wait behind GetCallerIdentity. A failure here is only logged: the first question
/// asks again.</summary>
internal sealed partial class CallerIdentityWarmUp(AccountDirectory accounts, ICallerAccount caller, ILogger<CallerIdentityWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!accounts.AreMany || accounts.All.All(a => a.RoleArn is null))
        {
            return;
        }

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
