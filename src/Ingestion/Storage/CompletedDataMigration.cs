namespace HistoryGraph.Ingestion.Storage;

/// A one-off data migration (IDataMigration) that has finished on this store, so that later
/// start-ups skip it.
public sealed class CompletedDataMigration
{
    public required string Name { get; set; }
    public DateTime CompletedAt { get; set; }
}
