using System.Globalization;
using GraphQL;
using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema.Blame;

/// Who set each leaf of an entity: the entity's versions up to the one asked about are read in
/// one statement with their snapshots, in version order (so deliveries out of order change
/// nothing), and each leaf is followed back while its value stays the same.
public static class EntityBlame
{
    public static async Task<IReadOnlyList<FieldBlame>> OfAsync(HistoryDbContext db, PayloadCodec codec, Guid entityId, decimal? version, CancellationToken cancellationToken)
    {
        var upTo = db.EntityVersions.AsNoTracking().Where(v => v.EntityId == entityId);
        if (version is { } number)
            upTo = upTo.Where(v => v.Version <= number);
        var rows = await upTo.OrderBy(v => v.Version)
            .Select(v => new { Version = v, Payload = db.ChangeEvents.Where(e => e.Sequence == v.EventSequence).Select(e => e.Payload).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 || (version is { } asked && rows[^1].Version.Version != asked))
        {
            var which = version is { } v ? v.ToString(CultureInfo.InvariantCulture) : "stored";
            throw new ExecutionError($"Entity {entityId} has no {which} version.") { Code = "VERSION_NOT_FOUND" };
        }

        var snapshots = StoredSnapshots.Unpacked(codec, rows.Where(r => r.Payload is not null).Select(r => (r.Version.EventSequence, r.Payload!)));
        var leavesByVersion = rows.Select(r => snapshots.TryGetValue(r.Version.EventSequence, out var json)
            ? SnapshotLeaves.Of(json).GroupBy(l => l.Path).ToDictionary(g => g.Key, g => g.First())
            : null).ToList();
        var target = leavesByVersion[^1] ?? [];
        return target.Values.Select(leaf =>
        {
            var setIn = rows.Count - 1;
            while (setIn > 0 && leavesByVersion[setIn - 1]?.GetValueOrDefault(leaf.Path) is { } earlier && earlier.Key == leaf.Key)
                setIn--;
            return new FieldBlame(leaf.Path, leaf.Field, leaf.Column, leaf.ValueJson, rows[setIn].Version);
        }).ToList();
    }
}
