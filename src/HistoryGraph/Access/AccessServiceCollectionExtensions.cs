namespace HistoryGraph.Access;

public static class AccessServiceCollectionExtensions
{
    /// API keys, the authenticator every transport uses, and the access decisions.
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessOptions>(options => AccessOptions.Bind(configuration, options));
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<AccessControl>();
        return services;
    }
}
