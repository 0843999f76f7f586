namespace HistoryGraph.TrustedDocuments;

public static class TrustedDocumentsServiceCollectionExtensions
{
    /// The trusted documents in memory and their refresher; the handler and the policy are
    /// added to the executor by AddGraphQLExecution.
    public static IServiceCollection AddTrustedDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrustedDocumentsOptions>(configuration.GetSection(TrustedDocumentsOptions.Section));
        services.AddSingleton<TrustedDocumentStore>();
        services.AddHostedService<TrustedDocumentRefresher>();
        return services;
    }
}
