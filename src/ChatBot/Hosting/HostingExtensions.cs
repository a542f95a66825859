namespace ChatBot.Hosting;

public static class HostingExtensions
{
    /// <summary>Decides the <see cref="RunMode"/> once, registers it for the features that read it at run time, and
    /// returns it for those that need it while they are added: they take it as an argument, so it cannot come too late.</summary>
    public static RunMode AddRunMode(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mode = RunMode.Decide(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(mode);
        return mode;
    }
}
