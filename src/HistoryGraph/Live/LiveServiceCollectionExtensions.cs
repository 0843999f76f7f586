using HistoryGraph.Schema.Statistics;
using HistoryGraph.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HistoryGraph.Live;

public static class LiveServiceCollectionExtensions
{
    /// The change feed of this instance (on PostgreSQL also the listener for other instances'
    /// commits), the live change statistics, and what live connections share: their limit and their authenticator.
    public static IServiceCollection AddLiveFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection(LiveOptions.Section));
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<ChangeFeedReader>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedReader>());
        services.AddSingleton<PostgresCommitListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresCommitListener>());
        services.AddSingleton<LiveChangeStats>();
        services.AddSingleton<LiveConnectionLimit>();
        services.TryAddSingleton<IConnectionAuthenticator, ApiKeyAuthenticator>();
        return services;
    }
}
