namespace ChatBot.SharedState;

/// <summary>Wraps a registration another folder made, so the Redis version can fall back to that folder's own.</summary>
internal static class Decoration
{
    public static void Decorate<TService>(this IServiceCollection services, object? key, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(TService) && Equals(d.ServiceKey, key))
            ?? throw new InvalidOperationException($"No {typeof(TService).Name} registered under key '{key}' to share through Redis.");
        services.Remove(original);
        services.Add(key is null
            ? ServiceDescriptor.Singleton(sp => wrap(sp, Create<TService>(original, sp)))
            : ServiceDescriptor.KeyedSingleton<TService>(key, (sp, _) => wrap(sp, Create<TService>(original, sp))));
    }

    private static TService Create<TService>(ServiceDescriptor original, IServiceProvider sp) => (TService)(original switch
    {
        { IsKeyedService: false, ImplementationInstance: { } instance } => instance,
        { IsKeyedService: false, ImplementationFactory: { } factory } => factory(sp),
        { IsKeyedService: false, ImplementationType: { } type } => ActivatorUtilities.CreateInstance(sp, type),
        { KeyedImplementationInstance: { } instance } => instance,
        { KeyedImplementationFactory: { } factory } => factory(sp, original.ServiceKey),
        { KeyedImplementationType: { } type } => ActivatorUtilities.CreateInstance(sp, type),
        _ => throw new InvalidOperationException($"Cannot wrap the {typeof(TService).Name} registration."),
    });
}
