using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Doctor;

public static class DoctorExtensions
{
    /// <summary>The trail doctor: CloudTrail best practices, the feed and the member roles, per account.
    /// Needs AddAws() for the CloudTrail, S3 and EC2 clients.</summary>
    public static IHostApplicationBuilder AddDoctor(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<IFeedProbe, UnwiredFeedProbe>();
        services.TryAddSingleton<IMemberRoleProbe, OwnCredentialsProbe>();
        services.TryAddTransient<TrailDoctor>();
        return builder;
    }
}
