namespace HistoryGraph.Ingestion.Writing;

/// Raised by this instance's writer after every commit, with what it stored, so that the live
/// change feed has the new events at once instead of waiting for PostgreSQL's notification or
/// its next poll, and without reading them back.
/// On PostgreSQL the writer also sends NOTIFY on PostgresChannel inside the write transaction:
/// PostgreSQL delivers it only if the transaction commits, in commit order, to every instance.
public sealed class CommitSignal
{
    /// The NOTIFY channel; the payload is `<origin>:<highest committed sequence>` (far below
    /// PostgreSQL's 8000-byte payload limit: events themselves never travel in it).
    public const string PostgresChannel = "historygraph_committed";

    /// This instance's name in notifications: its own commits reach its feed by Raise, so it
    /// ignores their notifications instead of reading back what it already has.
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    public string NotificationPayload(long highestSequence) => $"{Origin}:{highestSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public bool IsOwn(string notificationPayload) => notificationPayload.StartsWith(Origin + ":", StringComparison.Ordinal);

    public event Action<CommittedGroup>? Committed;

    internal void Raise(CommittedGroup group) => Committed?.Invoke(group);
}
