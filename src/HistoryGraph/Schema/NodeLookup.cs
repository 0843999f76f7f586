using GraphQL;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Entities;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema;

/// Resolves global ids to objects: one query per type, however many ids are asked for.
internal static class NodeLookup
{
    public const int MaxIds = 50;

    public static async Task<IReadOnlyList<object?>> FindAsync(IReadOnlyList<string> ids, IDbContextFactory<HistoryDbContext> contexts, CancellationToken cancellationToken)
    {
        if (ids.Count > MaxIds)
            throw new ExecutionError($"At most {MaxIds} ids can be fetched at once; {ids.Count} were given.") { Code = "TOO_MANY_IDS" };

        var entityIds = new Guid?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            if (!GlobalId.TryDecode(ids[i], out var typeName, out var key))
                throw new ExecutionError($"The id '{ids[i]}' is not a valid id.") { Code = "INVALID_ID" };
            entityIds[i] = typeName == EntityGraphType.TypeName && Guid.TryParse(key, out var id) ? id : null;
        }

        var wanted = entityIds.OfType<Guid>().Distinct().ToList();
        var found = new Dictionary<Guid, TrackedEntity>();
        if (wanted.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            found = await db.Entities.AsNoTracking().Where(e => wanted.Contains(e.EntityId)).ToDictionaryAsync(e => e.EntityId, cancellationToken);
        }
        return entityIds.Select(id => id is { } key && found.TryGetValue(key, out var entity) ? (object?)entity : null).ToList();
    }
}
