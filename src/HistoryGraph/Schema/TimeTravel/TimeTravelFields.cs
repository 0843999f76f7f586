using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Retention;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Versions;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema.TimeTravel;

/// What an entity, or the whole catalog, looked like at a moment: `entityAsOf` and `catalogAsOf`.
public static class TimeTravelFields
{
    private const string AtDescription = "The moment, as a time (give this or `sequence`).";
    private const string SequenceDescription = "The moment, as an event's sequence: the state right after that event was stored (give this or `at`).";

    public static void AddEntityAsOf(this ObjectGraphType query) =>
        query.Field<EntityVersionGraphType>("entityAsOf")
            .Description("The version of one entity in force at a moment, with its lifecycle as it was then; null if the entity did not exist yet or was hard-deleted by then. A moment whose history retention purged is refused (HISTORY_PURGED), not answered from what is left.")
            .Argument<UuidGraphType>("entityId", "OpenMetadata's id of the entity (or give `fqn`).")
            .Argument<StringGraphType>("fqn", "The fully qualified name the entity had at that moment (or give `entityId`): after a rename, the old name finds it for moments before the rename.")
            .Argument<DateTimeGraphType>("at", AtDescription)
            .Argument<LongGraphType>("sequence", SequenceDescription)
            .ResolveAsync(async context =>
            {
                var instant = Instant.From(context);
                var id = context.GetArgument<Guid?>("entityId");
                var fqn = context.GetArgument<string?>("fqn");
                if ((id is null) == (fqn is null))
                    throw new ExecutionError("Give the entity's id or its fqn, one of them.") { Code = id is null ? "ARGUMENT_MISSING" : "INVALID_ARGUMENT" };
                await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
                await PurgedHistory.EnsureCompleteAtAsync(db, instant.At, instant.Sequence, context.CancellationToken);
                var inForce = VersionsInForce.At(db, instant).AsNoTracking();
                inForce = id is { } entityId ? inForce.Where(v => v.EntityId == entityId) : inForce.Where(v => v.Fqn == fqn);
                // Two entities can have had one name at once only if one was soft-deleted: the active one first.
                return await inForce.OrderBy(v => v.Lifecycle == Lifecycle.SoftDeleted).ThenByDescending(v => v.ChangedAt).FirstOrDefaultAsync(context.CancellationToken);
            });

    public static void AddCatalogAsOf(this ObjectGraphType query) =>
        query.Connection(
                "catalogAsOf",
                "Every entity as it stood at a moment: the version of each in force then (hard-deleted ones left out, soft-deleted ones with their lifecycle), filtered, ordered and paged like `versions`. A moment whose history retention purged is refused (HISTORY_PURGED).",
                EntityVersionQueryable.Declaration, async (db, context) =>
                {
                    var instant = Instant.From(context);
                    await PurgedHistory.EnsureCompleteAtAsync(db, instant.At, instant.Sequence, context.CancellationToken);
                    return VersionsInForce.At(db, instant);
                })
            .Argument<DateTimeGraphType>("at", AtDescription)
            .Argument<LongGraphType>("sequence", SequenceDescription);
}
