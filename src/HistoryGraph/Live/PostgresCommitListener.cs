using HistoryGraph.Ingestion.Resilience;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;
using Npgsql;

namespace HistoryGraph.Live;

/// Listens on PostgreSQL for commits made by other instances (CommitSignal.PostgresChannel) and
/// wakes the feed reader; this instance's own commits reach it directly. The connection is its own (not pooled). When it drops, for instance
/// because the database restarted, it reconnects with backoff and wakes the reader once
/// listening again, which reads by sequence whatever was committed in between.
public sealed class PostgresCommitListener(StorageConnection storage, ChangeFeedReader reader, CommitSignal commits, StoreReadiness readiness, ILogger<PostgresCommitListener> logger) : BackgroundService
{
    /// Whether notifications are being received right now.
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage.Provider != StorageProvider.PostgreSql)
            return; // SQLite serves one instance: its own writer wakes the feed
        await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
        var connectionString = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = false, KeepAlive = 15 }.ToString();
        var retry = Retries.Create(logger, "Listening for commits", TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await retry.ExecuteAsync(ListenAsync, stoppingToken);
                if (lost)
                    logger.LogInformation("Listening for commits again");
                IsListening = true;
                reader.Wake(); // whatever was committed while not listening
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                IsListening = false;
                lost = true;
                logger.LogWarning("Not listening for commits ({Error}); connecting again", ex.GetBaseException().Message);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        async ValueTask<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                connection.Notification += (_, e) =>
                {
                    if (!commits.IsOwn(e.Payload))
                        reader.Wake();
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {CommitSignal.PostgresChannel}", connection))
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }
}
