using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatBot.SharedState;

/// <summary>WHOSTOPPED_REDIS: a StackExchange.Redis configuration string. Unset, every replica keeps its own memory.</summary>
public sealed class RedisOptions
{
    public const string Variable = "WHOSTOPPED_REDIS";

    [ConfigurationKeyName(Variable)]
    public string? Configuration { get; set; }

    public static bool IsSet(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[Variable]);

    /// <summary>The parsed string with the bot's defaults: start and keep answering while Redis is down (no abort on
    /// connect, fail fast instead of queueing), and reconnect every second so a restarted Redis is back quickly.</summary>
    public ConfigurationOptions ToClientOptions()
    {
        var options = ConfigurationOptions.Parse(Configuration!);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ClientName ??= "whostopped";
        return options;
    }
}

/// <summary>A string StackExchange.Redis cannot read fails the start naming the variable; the value itself is never
/// repeated, since it may hold a password.</summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            return options.ToClientOptions().EndPoints.Count == 0
                ? ValidateOptionsResult.Fail($"{RedisOptions.Variable} names no Redis endpoint (expected e.g. localhost:6379).")
                : ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return ValidateOptionsResult.Fail($"{RedisOptions.Variable} is not a StackExchange.Redis configuration string (expected e.g. localhost:6379,ssl=true,password=…).");
        }
    }
}
