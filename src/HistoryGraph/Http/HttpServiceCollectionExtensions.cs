namespace HistoryGraph.Http;

public static class HttpServiceCollectionExtensions
{
    /// Problem answers and the limits every endpoint reads request bodies within.
    public static IServiceCollection AddRequestBodyLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.Configure<BodyOptions>(configuration.GetSection(BodyOptions.Section));
        services.AddSingleton<BodyLimits>();
        return services;
    }
}
