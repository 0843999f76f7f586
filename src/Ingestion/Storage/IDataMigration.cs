namespace HistoryGraph.Ingestion.Storage;

/// Work a schema migration leaves to code (hashing what a store holds, say), run by the
/// migrator after every start-up's migrations until it has nothing left to do. Each step
/// commits as it goes, so that one interrupted resumes where it stopped.
public interface IDataMigration
{
    Task RunAsync(HistoryDbContext db, CancellationToken cancellationToken);
}
