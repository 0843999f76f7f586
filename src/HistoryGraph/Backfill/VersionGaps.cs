using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Backfill;

/// Finds version gaps in the stored history: consecutive stored versions of an entity that are
/// neither one minor (0.1) nor one major (1.0) step apart, or whose later event names a
/// previous version that is not stored. One pass over the versions in key order (a window
/// function over the primary key on PostgreSQL), answering only the gaps.
public static class VersionGaps
{
    /// The gaps of these entities (null: of every entity), up to `limit`, in order of entity and version.
    public static async Task<IReadOnlyList<VersionGap>> FindAsync(HistoryDbContext db, IReadOnlyCollection<Guid>? entities, int limit, CancellationToken cancellationToken)
    {
        if (entities is null)
            return await FindAsync(db, [], limit, cancellationToken);
        // A few hundred entities a statement: one round trip for a window's entities, not one each.
        var gaps = new List<VersionGap>();
        foreach (var chunk in entities.Order().Chunk(EntitiesPerStatement))
        {
            if (gaps.Count >= limit)
                break;
            gaps.AddRange(await FindAsync(db, chunk, limit - gaps.Count, cancellationToken));
        }
        return gaps;
    }

    private const int EntitiesPerStatement = 500;

    /// The gaps of the entities named (none named: of every entity).
    private static async Task<IReadOnlyList<VersionGap>> FindAsync(HistoryDbContext db, Guid[] entities, int limit, CancellationToken cancellationToken)
    {
        // SQLite keeps decimals as text: compare them as numbers. PostgreSQL's are numeric.
        var sqlite = db.Provider == StorageProvider.Sqlite;
        string Number(string column) => sqlite ? $"CAST({column} AS REAL)" : column;
        var filter = entities.Length == 0 ? "" : $"WHERE v.entity_id IN ({string.Join(", ", entities.Select((_, i) => $"{{{i}}}"))})";
        // The previous version each version's event named. For some entities, looked up by key
        // version by version: a join would let PostgreSQL hash the whole of change_events for a
        // few thousand versions (half a second a statement at a million events). For every
        // entity, the join: then all of them are read anyway.
        var (named, join) = entities.Length == 0
            ? ("e.previous_version", "LEFT JOIN change_events e ON e.sequence = v.event_sequence")
            : ("(SELECT e.previous_version FROM change_events e WHERE e.sequence = v.event_sequence)", "");
        var sql = $"""
            SELECT g.entity_id AS "EntityId", g.entity_type AS "EntityType", g.fqn AS "Fqn", g.previous AS "AfterVersion", g.version AS "BeforeVersion",
                   g.named AS "NamedPrevious"
            FROM (SELECT v.entity_id, v.entity_type, v.fqn, v.version, {named} AS named,
                         LAG(v.version) OVER (PARTITION BY v.entity_id ORDER BY {Number("v.version")}) AS previous
                  FROM entity_versions v {join} {filter}) g
            WHERE g.previous IS NOT NULL
              AND (ROUND({Number("g.version")} - {Number("g.previous")}, 1) NOT IN (0.1, 1.0)
                   OR (g.named IS NOT NULL AND {Number("g.named")} > {Number("g.previous")} AND {Number("g.named")} < {Number("g.version")}))
            ORDER BY g.entity_id, {Number("g.version")}
            LIMIT {limit}
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(sql, entities.Cast<object>().ToArray()).ToListAsync(cancellationToken);
        return rows.Select(r => new VersionGap(r.EntityId, r.EntityType, r.Fqn, r.AfterVersion, r.BeforeVersion, r.NamedPrevious)).ToList();
    }

    private sealed class Row
    {
        public Guid EntityId { get; set; }
        public string EntityType { get; set; } = "";
        public string? Fqn { get; set; }
        public decimal AfterVersion { get; set; }
        public decimal BeforeVersion { get; set; }
        public decimal? NamedPrevious { get; set; }
    }
}
