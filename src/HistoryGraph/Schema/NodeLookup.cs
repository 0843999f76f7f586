using System.Globalization;
using GraphQL;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Deletions;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Events;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Transparency;
using HistoryGraph.Schema.Users;
using HistoryGraph.Schema.Versions;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema;

/// Resolves global ids to objects: one query per type asked for, however many ids.
internal static class NodeLookup
{
    public const int MaxIds = 50;

    public static async Task<IReadOnlyList<object?>> FindAsync(IReadOnlyList<string> ids, IDbContextFactory<HistoryDbContext> contexts, CancellationToken cancellationToken)
    {
        if (ids.Count > MaxIds)
            throw new ExecutionError($"At most {MaxIds} ids can be fetched at once; {ids.Count} were given.") { Code = "TOO_MANY_IDS" };

        var decoded = ids.Select(id => GlobalId.TryDecode(id, out var type, out var key)
            ? (type, key)
            : throw new ExecutionError($"The id '{id}' is not a valid id.") { Code = "INVALID_ID" }).ToList();
        List<TKey> Keys<TKey>(string typeName, Func<string, TKey?> parse) where TKey : struct =>
            decoded.Where(d => d.type == typeName).Select(d => parse(d.key)).OfType<TKey>().Distinct().ToList();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = new Dictionary<(string, string), object>();
        void Add<T>(string typeName, IEnumerable<T> rows, Func<T, string> key) where T : notnull
        {
            foreach (var row in rows)
                found[(typeName, key(row))] = row;
        }

        if (Keys(EntityGraphType.TypeName, ParseGuid) is { Count: > 0 } entityIds)
            Add(EntityGraphType.TypeName, await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.EntityId)).ToListAsync(cancellationToken), e => e.EntityId.ToString());
        if (Keys(ChangeEventGraphType.TypeName, ParseLong) is { Count: > 0 } sequences)
            Add(ChangeEventGraphType.TypeName, await db.ChangeEvents.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).ToListAsync(cancellationToken), e => Text(e.Sequence));
        if (Keys(DeletionGraphType.TypeName, ParseLong) is { Count: > 0 } deletions)
            Add(DeletionGraphType.TypeName, await db.Deletions.AsNoTracking().Where(d => deletions.Contains(d.EventSequence)).ToListAsync(cancellationToken), d => Text(d.EventSequence));
        if (decoded.Where(d => d.type == UserGraphType.TypeName).Select(d => d.key).Distinct().ToList() is { Count: > 0 } names)
            Add(UserGraphType.TypeName, await db.Actors.AsNoTracking().Where(a => names.Contains(a.Name)).ToListAsync(cancellationToken), a => a.Name);
        if (Keys(CheckpointGraphType.TypeName, ParseLong) is { Count: > 0 } checkpoints)
            Add(CheckpointGraphType.TypeName, await db.LogCheckpoints.AsNoTracking().Where(c => checkpoints.Contains(c.Id)).ToListAsync(cancellationToken), c => Text(c.Id));
        // Composite keys: the first part narrows the query, the exact match is made here.
        if (Keys(FieldChangeGraphType.TypeName, k => ParseLong(k.Split(':')[0])) is { Count: > 0 } changeEvents)
            Add(FieldChangeGraphType.TypeName, await db.FieldChanges.AsNoTracking().Where(f => changeEvents.Contains(f.EventSequence)).ToListAsync(cancellationToken), f => $"{f.EventSequence}:{f.Ordinal}");
        if (Keys(EntityVersionGraphType.TypeName, k => ParseGuid(k.Split(':')[0])) is { Count: > 0 } versionEntities)
            Add(EntityVersionGraphType.TypeName, await db.EntityVersions.AsNoTracking().Where(v => versionEntities.Contains(v.EntityId)).ToListAsync(cancellationToken), v => $"{v.EntityId}:{Text(v.Version)}");

        return decoded.Select(d => found.GetValueOrDefault((d.type, d.key))).ToList();
    }

    private static Guid? ParseGuid(string key) => Guid.TryParse(key, out var id) ? id : null;

    private static long? ParseLong(string key) => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
