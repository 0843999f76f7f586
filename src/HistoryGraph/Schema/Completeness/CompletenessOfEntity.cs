using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema.Completeness;

/// `Entity.completeness`.
public sealed class CompletenessOfEntity : IObjectTypeExtension<TrackedEntity>
{
    public void Extend(ObjectGraphType<TrackedEntity> type)
    {
        type.Field<NonNullGraphType<EntityCompletenessGraphType>>("completeness")
            .Description("Versions of this entity known to be missing (found by the reconciler, not recovered since), with why.")
            .ResolveAsync(async c =>
            {
                await using var db = await c.Contexts().CreateDbContextAsync(c.CancellationToken);
                var id = c.Source.EntityId;
                return (IReadOnlyList<KnownGap>)await db.KnownGaps.AsNoTracking().Where(g => g.EntityId == id && g.RecoveredAt == null)
                    .OrderBy(g => g.BeforeVersion).ToListAsync(c.CancellationToken);
            })
            .Reads((TrackedEntity r) => r.EntityId);
    }
}
