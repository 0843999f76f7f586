using HistoryGraph.Ingestion.Storage;
using Npgsql;

namespace HistoryGraph.CompiledReads;

public static class CompiledReadsServiceCollectionExtensions
{
    /// The compiled path on PostgreSQL (after AddIngestion, which resolves the store), with
    /// connections of its own: a statement one plan serves whatever its values (an entity's
    /// history, a time window) keeps its prepared plan (plan_cache_mode=auto) instead of being
    /// planned on each execution as the resolvers' connections plan every statement.
    public static IServiceCollection AddCompiledReads(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CompiledReadsOptions>(configuration.GetSection(CompiledReadsOptions.Section));
        var options = configuration.GetSection(CompiledReadsOptions.Section).Get<CompiledReadsOptions>() ?? new CompiledReadsOptions();
        var store = services.LastOrDefault(d => d.ServiceType == typeof(StorageConnection))?.ImplementationInstance as StorageConnection;
        if (!options.Enabled || store?.Provider != StorageProvider.PostgreSql)
            return services;
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(_ => new CompiledReadConnections(Pools(store.Primary()), storage.ReadFrom == ReadTarget.PreferStandby ? Pools(store.Standby()) : null));
        services.AddSingleton<CompiledReader>();
        return services;
    }

    private static CompiledReadPools Pools(NpgsqlConnectionStringBuilder connection)
    {
        var planned = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        planned.Options = planned.Options?.Replace("plan_cache_mode=force_custom_plan", "plan_cache_mode=auto", StringComparison.Ordinal);
        return new CompiledReadPools(NpgsqlDataSource.Create(planned.ConnectionString), NpgsqlDataSource.Create(connection.ConnectionString));
    }
}
