using System.Reflection;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Conventions.Sorting;

namespace HistoryGraph.Conventions;

public static class ConventionsServiceCollectionExtensions
{
    /// The limits of `where:` arguments and of page sizes, every queryable declaration, and the
    /// graph types made from a declaration (FilterInputGraphType<ChangeEvent> is built from
    /// the QueryableType<ChangeEvent> it is given).
    public static IServiceCollection AddQueryConventions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FilterOptions>(configuration.GetSection(FilterOptions.Section));
        services.Configure<PagingOptions>(configuration.GetSection(PagingOptions.Section));
        foreach (var declaration in Declarations(typeof(ConventionsServiceCollectionExtensions).Assembly))
            services.AddSingleton(declaration.GetType(), declaration);
        services.AddTransient(typeof(FilterInputGraphType<>));
        services.AddTransient(typeof(EnumOperationFilterInputGraphType<>));
        services.AddTransient(typeof(SortInputGraphType<>));
        services.AddTransient(typeof(ConnectionGraphType<>));
        services.AddTransient(typeof(EdgeGraphType<>));
        return services;
    }

    /// The declarations: the static `QueryableType<T>` properties of the assembly's types.
    private static IEnumerable<object> Declarations(Assembly assembly) =>
        from type in assembly.GetTypes()
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Static)
        where property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(QueryableType<>)
        select property.GetValue(null)!;
}
