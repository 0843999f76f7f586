using HistoryGraph.Ingestion.Storage;
using Npgsql;

namespace HistoryGraph.CompiledReads;

public static class CompiledReadsServiceCollectionExtensions
{
    /// The compiled path on PostgreSQL (after AddIngestion, which resolves the store), with
    /// connections of its own: their statements are written so that one plan serves every value
    /// (prefixes as ranges), so PostgreSQL may keep a prepared statement's plan
    /// (plan_cache_mode=auto) instead of planning it each time as the resolvers' connections must.
    public static IServiceCollection AddCompiledReads(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CompiledReadsOptions>(configuration.GetSection(CompiledReadsOptions.Section));
        var options = configuration.GetSection(CompiledReadsOptions.Section).Get<CompiledReadsOptions>() ?? new CompiledReadsOptions();
        var store = services.LastOrDefault(d => d.ServiceType == typeof(StorageConnection))?.ImplementationInstance as StorageConnection;
        if (!options.Enabled || store?.Provider != StorageProvider.PostgreSql)
            return services;
        var builder = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        builder.Options = builder.Options?.Replace("plan_cache_mode=force_custom_plan", "plan_cache_mode=auto", StringComparison.Ordinal);
        services.AddSingleton(_ => new CompiledReadConnections(NpgsqlDataSource.Create(builder.ConnectionString)));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CompiledReader>(sp, sp.GetRequiredService<CompiledReadConnections>().Source));
        return services;
    }
}
