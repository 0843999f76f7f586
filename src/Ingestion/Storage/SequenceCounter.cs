namespace HistoryGraph.Ingestion.Storage;

/// The one-row counter behind ChangeEvent.Sequence. Writers lock this row first, so numbers
/// are handed out in commit order even with several instances on one database.
public sealed class SequenceCounter
{
    public const int SingletonId = 1;
    public int Id { get; set; }
    public long Value { get; set; }
    /// How many events the transparency log's tree holds: Value, once a store made before the
    /// log has been brought under it (TransparencyLogCatchUp).
    public long TreeSize { get; set; }
    /// The tree's right edge (Transparency.CompactRange): the roots of its perfect subtrees,
    /// largest first, 32 bytes each, concatenated.
    public byte[] TreeEdge { get; set; } = [];
}
