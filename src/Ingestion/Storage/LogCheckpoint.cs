namespace HistoryGraph.Ingestion.Storage;

/// A signed checkpoint of the transparency log: the C2SP signed note (Note) whose body names
/// the log, TreeSize and RootHash. KeyName and KeyHash identify the key that signed it and
/// VerifierKey is that key's public text, shown so that readers know which key to ask for;
/// verification trusts only the keys it is given, never one read from the store.
public sealed class LogCheckpoint
{
    public long Id { get; set; }
    public long TreeSize { get; set; }
    public required byte[] RootHash { get; set; }
    public required string Note { get; set; }
    public required string KeyName { get; set; }
    public long KeyHash { get; set; }
    public required string VerifierKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
