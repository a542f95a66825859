using System.Reflection;
using ChatBot.Aws.Accounts;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.Ec2;
using ChatBot.Aws.S3;
using ChatBot.Doctor;
using ChatBot.Feed;
using ChatBot.Hosting;
using ChatBot.Slack.Api;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace ChatBot.Sandbox;

public static class SandboxExtensions
{
    /// <summary>In sandbox mode (see <see cref="RunMode"/>), swaps the two AWS edges for the sample account;
    /// everything between them and the answer stays the real code. Call after AddAws, whose edges it replaces.</summary>
    public static IHostApplicationBuilder AddSandbox(this IHostApplicationBuilder builder, RunMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(mode);
        if (!mode.Sandbox)
        {
            return builder;
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration[FeedOptions.AlertChannelKey]))
        {
            // The page's simulated feed alerts into its one channel, as WHOSTOPPED_ALERT_CHANNEL would in Slack.
            builder.Configuration.AddInMemoryCollection([new(FeedOptions.AlertChannelKey, SandboxChannel.Id)]);
        }

        var services = builder.Services.AddSampleAccount();
        // Replaces whatever Slack client is there, and AddSlack only adds one where none is: in either order, the sandbox's.
        services.AddSingleton<SandboxChannel>();
        services.RemoveAll<ISlackApi>();
        services.AddSingleton<ISlackApi, SandboxSlack>();
        services.AddHostedService<SandboxBanner>();
        return builder;
    }

    /// <summary>Swaps the AWS edges (EC2, CloudTrail, and the doctor's trail settings, bucket and role checks) for the
    /// built-in sample account. The CLI's --sandbox uses just this.</summary>
    public static IServiceCollection AddSampleAccount(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SampleAccount.Load(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        // The sample organisation's accounts, so answers show them; no role, so no STS.
        services.RemoveAll<AccountDirectory>();
        services.AddSingleton(sp => new AccountDirectory(sp.GetRequiredService<SampleAccount>().Accounts));
        services.RemoveAll<IEc2>();
        services.AddSingleton<IEc2, SandboxEc2>();
        services.RemoveAll<ICloudTrail>();
        services.AddSingleton<ICloudTrail, SandboxCloudTrail>();
        services.AddSingleton<SandboxTrails>();
        services.RemoveAll<ITrailSettings>();
        services.AddSingleton<ITrailSettings>(sp => sp.GetRequiredService<SandboxTrails>());
        services.RemoveAll<IBucketLifecycle>();
        services.AddSingleton<IBucketLifecycle>(sp => sp.GetRequiredService<SandboxTrails>());
        services.RemoveAll<IMemberRoleProbe>();
        services.AddSingleton<IMemberRoleProbe>(sp => sp.GetRequiredService<SandboxTrails>());
        return services;
    }

    /// <summary>The Slack-like page at the root URL and the endpoints behind it; nothing outside sandbox mode.</summary>
    public static WebApplication MapSandbox(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<RunMode>().Sandbox)
        {
            return app;
        }

        var page = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), "ChatBot.Sandbox.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        app.MapSandboxEndpoints();
        return app;
    }
}
