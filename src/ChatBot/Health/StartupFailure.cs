using Microsoft.Extensions.Options;

namespace ChatBot.Health;

/// <summary>A misconfigured start ends with a plain message naming the variables and exit code 1, not a crash dump.</summary>
public static class StartupFailure
{
    public static async Task<int> RunOrExplainAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        // Only when this app owns the process: a host embedding it (WebApplicationFactory) must see the exception itself.
        catch (OptionsValidationException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly)
        {
            await Console.Error.WriteLineAsync($"whostopped cannot start: {string.Join(" ", e.Failures)}");
            return 1;
        }
    }
}
