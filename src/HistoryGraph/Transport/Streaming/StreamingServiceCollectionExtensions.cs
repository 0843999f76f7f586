using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HistoryGraph.Transport.Streaming;

public static class StreamingServiceCollectionExtensions
{
    /// What live connections share: their settings, their limit and their authenticator.
    public static IServiceCollection AddStreaming(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamingOptions>().Configure(options => StreamingOptions.Bind(configuration, options));
        services.AddSingleton<LiveConnectionLimit>();
        services.AddSingleton<LiveOperationLimit>();
        return services;
    }
}
