namespace HistoryGraph.Ingestion.Storage;

/// The one-row counter behind ChangeEvent.Sequence. Writers lock this row first, so numbers
/// are handed out in commit order even with several instances on one database.
public sealed class SequenceCounter
{
    public const int SingletonId = 1;
    public int Id { get; set; }
    public long Value { get; set; }
}
