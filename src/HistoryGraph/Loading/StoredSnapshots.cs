using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Loading;

/// Snapshots by the sequence of the event that carried them: the store keeps each one once,
/// inside that event's packed payload.
public static class StoredSnapshots
{
    public static async Task<Dictionary<long, string>> LoadAsync(HistoryDbContext db, PayloadCodec codec, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        var rows = await db.ChangeEvents.AsNoTracking().Where(e => sequences.Contains(e.Sequence))
            .Select(e => new { e.Sequence, e.Payload }).ToListAsync(cancellationToken);
        return Unpacked(codec, rows.Select(r => (r.Sequence, r.Payload)));
    }

    /// The snapshots of packed payloads, leaving out events that carried none.
    public static Dictionary<long, string> Unpacked(PayloadCodec codec, IEnumerable<(long Sequence, byte[] Payload)> payloads) =>
        payloads.Select(p => (p.Sequence, Snapshot: EventPayload.Snapshot(codec.Unpack(p.Payload))))
            .Where(p => p.Snapshot is not null).ToDictionary(p => p.Sequence, p => p.Snapshot!);
}
