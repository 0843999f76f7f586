namespace HistoryGraph.Access;

public static class AccessServiceCollectionExtensions
{
    /// API keys, bearer tokens, the authenticator every transport uses, and the access decisions.
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessOptions>(options => AccessOptions.Bind(configuration, options));
        services.AddSingleton<ApiKeyStore>();
        // Discovery documents and signing keys: small, quick, from the issuer itself.
        services.AddHttpClient(TokenValidator.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<Authenticator>();
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<RequestRates>();
        services.AddSingleton<AccessControl>();
        return services;
    }
}
