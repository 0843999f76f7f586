namespace HistoryGraph.Loading;

public static class LoadingServiceCollectionExtensions
{
    /// The batch loaders, one set per request.
    public static IServiceCollection AddLoaders(this IServiceCollection services)
    {
        services.AddScoped<HistoryLoaders>();
        services.AddScoped<ConnectionLoaders>();
        return services;
    }
}
