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
        catch (Exception e) when (OwnsProcess && Explain(e) is { } explanation)
        {
            await Console.Error.WriteLineAsync($"whostopped cannot start: {explanation}");
            return 1;
        }
    }

    private static bool OwnsProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>Settings that fail validation, or that cannot even be read as their type (the binder names the variable).</summary>
    private static string? Explain(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        InvalidOperationException { InnerException: ArgumentException or FormatException } unreadable => unreadable.Message,
        _ => null,
    };
}
