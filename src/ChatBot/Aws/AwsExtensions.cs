using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using ChatBot.Aws.Accounts;
using ChatBot.Aws.Athena;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.Ec2;
using ChatBot.Aws.S3;
using ChatBot.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace ChatBot.Aws;

public static class AwsExtensions
{
    /// <summary>The credential chain, the accounts and their credentials, the EC2 and S3 clients, and the signed
    /// CloudTrail and Athena clients.</summary>
    public static IHostApplicationBuilder AddAws(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AwsOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AWSCredentials, DefaultChainCredentials>();
        services.AddAccounts(builder.Configuration);
        services.TryAddKeyedSingleton<IRateBudget>(RateBudgets.LookupEvents,
            (sp, _) => new InMemoryRateBudget(sp.GetRequiredService<TimeProvider>(), RateBudgets.LookupEventsPerSecond));
        services.TryAddKeyedSingleton<IRateBudget>(RateBudgets.Ec2,
            (sp, _) => new TokenBucketRateBudget(sp.GetRequiredService<TimeProvider>(), RateBudgets.Ec2Burst, RateBudgets.Ec2PerSecond));
        services.TryAddSingleton<IEc2, Ec2Client>();
        services.AddHostedService<ClientWarmUp>();
        services.AddWhoStoppedMetrics();
        services.TryAddSingleton<AwsCallRecorder>();
        services.TryAddSingleton<IBucketLifecycle, S3BucketLifecycle>();
        services.AddOptions<AthenaOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddTransient<AthenaQueryRunner>();

        // LookupEvents and the trail's settings share one signed CloudTrail client; Athena has its own signer.
        AddSignedJsonClient<ICloudTrail, CloudTrailClient>(services, "cloudtrail", CloudTrailClient.Action, budgeted: true);
        services.AddHttpClient<ITrailSettings, CloudTrailClient>(nameof(ICloudTrail));
        AddSignedJsonClient<IAthena, AthenaClient>(services, "athena", AthenaClient.StartAction, budgeted: false);
        return builder;
    }

    /// <summary>Handler order, outermost first: retry → rate budget → per-attempt timeout → recorder → trace headers out → SigV4
    /// signer of the request's account (primary). Retries sit outside the signer so each attempt is signed afresh, and outside the budget so
    /// each spends one unit; nothing below the signer changes a header it signed.</summary>
    private static void AddSignedJsonClient<TClient, TImplementation>(IServiceCollection services, string signingName, string defaultAction, bool budgeted)
        where TClient : class
        where TImplementation : class, TClient
    {
        var client = services.AddHttpClient<TClient, TImplementation>()
            .ConfigurePrimaryHttpMessageHandler(sp => new AccountSigningHandler(
                sp.GetRequiredService<AccountCredentials>(),
                RegionEndpoint.GetBySystemName(sp.GetRequiredService<IOptions<AwsOptions>>().Value.HomeRegion),
                signingName,
                new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }));
        client.AddResilienceHandler($"{signingName}-retry", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 5,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(300),
                MaxDelay = TimeSpan.FromSeconds(4),
                ShouldHandle = args => ShouldRetry(args.Outcome),
            }));
        if (budgeted)
        {
            client.AddHttpMessageHandler(sp => new RateBudgetHandler(sp.GetRequiredKeyedService<IRateBudget>(RateBudgets.LookupEvents)));
        }

        client.AddResilienceHandler($"{signingName}-attempt", pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(10)));
        client.AddHttpMessageHandler(sp => new AwsCallHandler(sp.GetRequiredService<AwsCallRecorder>(), defaultAction));
        client.AddHttpMessageHandler(() => new TraceHeadersHandler());
    }

    private static async ValueTask<bool> ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500)
        {
            return true;
        }

        // CloudTrail throttles with a 400 whose body names ThrottlingException.
        return response.StatusCode == HttpStatusCode.BadRequest
            && AwsJsonError.IsThrottling(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
    }
}
