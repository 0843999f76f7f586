using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using HistoryGraph.Ingestion.Transparency;
using HistoryGraph.Ingestion.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HistoryGraph.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// EF Core keeps every statement shape it compiles (a filter's combination of fields and
    /// operators, a page's columns) in a cache that grows without end unless given a bound: past
    /// about 2,000 shapes the least used are compiled again when next asked for. One for the
    /// process: EF Core builds its internal services once per distinct cache instance.
    private static readonly MemoryCache CompiledQueries = new(new MemoryCacheOptions { SizeLimit = 20_000, CompactionPercentage = 0.25 });

    /// The history store (provider chosen by configuration), its migrations and the writer.
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<IngestionOptions>(configuration.GetSection(IngestionOptions.Section));

        var storageOptions = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var connection = StorageConnection.Resolve(configuration, storageOptions, contentRoot);
        services.AddSingleton(connection);

        if (connection.Provider == StorageProvider.PostgreSql)
        {
            // With several hosts, everything but standby reads goes to the one that takes writes.
            var primary = connection.Primary();
            services.AddKeyedSingleton(StandbyReads.Key, (_, _) => PostgresFactory(connection.Standby()));
            services.AddPooledDbContextFactory<PostgresHistoryDbContext>(o => o.UseNpgsql(primary.ConnectionString).UseMemoryCache(CompiledQueries));
            services.AddSingleton<IDbContextFactory<HistoryDbContext>>(sp => new HistoryDbContextFactory<PostgresHistoryDbContext>(
                sp.GetRequiredService<IDbContextFactory<PostgresHistoryDbContext>>(),
                storageOptions.ReadFrom == ReadTarget.PreferStandby ? sp.GetRequiredKeyedService<IDbContextFactory<HistoryDbContext>>(StandbyReads.Key) : null));
            var unwaited = new NpgsqlConnectionStringBuilder(primary.ConnectionString);
            unwaited.Options = $"{unwaited.Options} -c synchronous_commit=off".Trim();
            services.AddKeyedSingleton(UnwaitedCommits.Key, (_, _) => PostgresFactory(unwaited));
            var writer = new NpgsqlConnectionStringBuilder(primary.ConnectionString)
            {
                MaxPoolSize = Math.Max(1, storageOptions.WriterConnections),
                MinPoolSize = 0,
            };
            writer.ApplicationName = $"{writer.ApplicationName ?? "historygraph"} writer";
            services.AddKeyedSingleton(WriterConnections.Key, (_, _) => PostgresFactory(writer));
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteHistoryDbContext>(o => o.UseSqlite(connection.ConnectionString).AddInterceptors(new SqlitePragmas()).UseMemoryCache(CompiledQueries));
            services.AddSingleton<IDbContextFactory<HistoryDbContext>>(sp => new HistoryDbContextFactory<SqliteHistoryDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteHistoryDbContext>>()));
            services.AddKeyedSingleton(UnwaitedCommits.Key, (sp, _) => sp.GetRequiredService<IDbContextFactory<HistoryDbContext>>());
            services.AddKeyedSingleton(WriterConnections.Key, (sp, _) => sp.GetRequiredService<IDbContextFactory<HistoryDbContext>>());
            services.AddKeyedSingleton(StandbyReads.Key, (sp, _) => sp.GetRequiredService<IDbContextFactory<HistoryDbContext>>());
        }
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContext());

        services.AddMetrics();
        services.AddSingleton<HistoryMetrics>();
        services.AddSingleton<StandbyReads>();
        services.AddSingleton<StoreReadiness>();
        services.AddSingleton<HistoryStoreMigrator>();
        services.AddSingleton<IDataMigration, TransparencyLogCatchUp>();
        services.AddSingleton<IDataMigration, FollowerNamesCatchUp>();
        services.AddHostedService<StoreInitializer>();
        services.AddSingleton<CommitSignal>();
        services.AddSingleton<HistoryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryWriter>());
        services.AddSingleton<RejectedDeliveryReplayer>();

        services.AddOptions<PayloadOptions>().Bind(configuration.GetSection(PayloadOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PayloadOptions>, PayloadOptionsValidation>();
        services.AddSingleton(sp => new PayloadCodec(key =>
        {
            using var db = sp.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContext();
            return db.PayloadDictionaries.AsNoTracking().SingleOrDefault(d => d.Key == key);
        }));
        services.AddSingleton<PayloadDictionaryTrainer>();
        services.AddHostedService(sp => sp.GetRequiredService<PayloadDictionaryTrainer>());
        services.AddSingleton<PayloadRepacker>();
        return services;
    }

    /// A pooled factory on a connection string of its own: Npgsql keeps one pool per string.
    private static IDbContextFactory<HistoryDbContext> PostgresFactory(NpgsqlConnectionStringBuilder connectionString) =>
        new HistoryDbContextFactory<PostgresHistoryDbContext>(new PooledDbContextFactory<PostgresHistoryDbContext>(
            new DbContextOptionsBuilder<PostgresHistoryDbContext>().UseNpgsql(connectionString.ToString()).UseMemoryCache(CompiledQueries).Options));
}
