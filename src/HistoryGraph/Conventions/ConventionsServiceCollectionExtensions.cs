using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Conventions.Paging;

namespace HistoryGraph.Conventions;

public static class ConventionsServiceCollectionExtensions
{
    /// The limits of `where:` arguments and of page sizes.
    public static IServiceCollection AddQueryConventions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FilterOptions>(configuration.GetSection(FilterOptions.Section));
        services.Configure<PagingOptions>(configuration.GetSection(PagingOptions.Section));
        return services;
    }
}
