namespace HistoryGraph.Ingestion.Writing;

/// Raised by this instance's writer after every commit, so that the live change feed reads the
/// new events at once instead of waiting for PostgreSQL's notification or its next poll.
/// On PostgreSQL the writer also sends NOTIFY on PostgresChannel inside the write transaction:
/// PostgreSQL delivers it only if the transaction commits, in commit order, to every instance.
public sealed class CommitSignal
{
    /// The NOTIFY channel; the payload is the highest committed sequence (a few digits, far
    /// below PostgreSQL's 8000-byte payload limit: events themselves never travel in it).
    public const string PostgresChannel = "historygraph_committed";

    public event Action<long>? Committed;

    internal void Raise(long highestSequence) => Committed?.Invoke(highestSequence);
}
