namespace HistoryGraph.Ingestion.Writing;

/// What the store did with one delivery. Sequences are those of the newly stored events;
/// RejectedIds those of the parts kept for replay, and RejectedReasons why each was.
public sealed record DeliveryOutcome(int Stored, int Duplicates, IReadOnlyList<long> Sequences, IReadOnlyList<long> RejectedIds, IReadOnlyList<string> RejectedReasons)
{
    public bool HasRejections => RejectedIds.Count > 0;
}
