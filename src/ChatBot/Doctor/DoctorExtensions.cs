using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Doctor;

public static class DoctorExtensions
{
    /// <summary>The trail doctor: CloudTrail best practices, the feed and the member roles, per account.
    /// Needs AddAws() for the CloudTrail, S3, EC2 and STS clients, and an <see cref="IFeedProbe"/> (AddFeed in the bot,
    /// AddFeedProbe in the CLI).</summary>
    public static IHostApplicationBuilder AddDoctor(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMemberRoleProbe, MemberRoleProbe>();
        services.TryAddTransient<TrailDoctor>();
        return builder;
    }
}
