using ChatBot.Feed;
using ChatBot.Feed.Queue;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Doctor;

public static class DoctorExtensions
{
    /// <summary>The trail doctor: CloudTrail best practices, the feed and the member roles, per account.
    /// Needs AddAws() for the CloudTrail, S3, EC2 and STS clients. After AddFeed when there is one (the bot), so that
    /// the feed check sees the consumer's last message; alone (the CLI) it asks the queue itself.</summary>
    public static IHostApplicationBuilder AddDoctor(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FeedOptions>().Bind(builder.Configuration);
        services.TryAddSingleton<FeedStatus>();
        services.TryAddSingleton<IFeedProbe, QueueFeedProbe>();
        services.TryAddSingleton<IMemberRoleProbe, MemberRoleProbe>();
        services.TryAddTransient<TrailDoctor>();
        return builder;
    }
}
