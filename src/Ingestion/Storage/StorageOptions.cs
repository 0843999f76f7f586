namespace HistoryGraph.Ingestion.Storage;

/// `ConnectionStrings:History` picks the database: a PostgreSQL connection string
/// (Host=...) or a SQLite one (Data Source=...). Empty means the embedded SQLite file.
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string ConnectionStringName = "History";

    /// Forces the provider when the connection string alone does not tell.
    public StorageProvider? Provider { get; set; }

    /// The embedded database, relative to the content root.
    public string SqlitePath { get; set; } = "data/history.db";

    /// Migrate the schema when the server starts (off when a `migrate` step runs separately).
    public bool MigrateOnStartup { get; set; } = true;

    /// PostgreSQL connections kept for the history writer alone (it uses one at a time; the
    /// others serve a retry while a broken one is replaced). Besides the readers' pool, whose
    /// size the connection string's Max Pool Size sets (100 unless given).
    public int WriterConnections { get; set; } = 3;

    /// Where queries, exports and statistics read: Primary, or PreferStandby with a connection
    /// string that names several hosts (Host=primary,standby).
    public ReadTarget ReadFrom { get; set; } = ReadTarget.Primary;

    /// How long a read that names a sequence (HistoryGraph-Min-Sequence) waits for a lagging
    /// standby before it reads from the primary.
    public int StandbyWaitMilliseconds { get; set; } = 1000;
}
