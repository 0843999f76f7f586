namespace HistoryGraph.Live;

public static class LiveServiceCollectionExtensions
{
    /// The change feed of this instance (on PostgreSQL also the listener for other instances' commits).
    public static IServiceCollection AddLiveFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection(LiveOptions.Section));
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<ChangeFeedReader>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedReader>());
        services.AddSingleton<PostgresCommitListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresCommitListener>());
        return services;
    }
}
