namespace HistoryGraph.Shutdown;

public static class ShutdownServiceCollectionExtensions
{
    public static IServiceCollection AddShutdownSequence(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ShutdownOptions.Section);
        services.Configure<ShutdownOptions>(section);
        var timeout = section.Get<ShutdownOptions>()?.TimeoutSeconds ?? new ShutdownOptions().TimeoutSeconds;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, timeout)));
        services.AddSingleton<ServerState>();
        services.AddHostedService<ShutdownSequence>();
        return services;
    }
}
