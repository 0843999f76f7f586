using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.History;
using HistoryGraph.Schema.Events;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Scalars;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema;

public sealed class QueryGraphType : ObjectGraphType
{
    public QueryGraphType()
    {
        Name = "Query";
        Description = "The change history of an OpenMetadata catalog.";

        Field<NodeInterface>("node")
            .Description("The object with this global id, or null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id, as an object's `id` field gives it.")
            .ResolveAsync(async context =>
                (await NodeLookup.FindAsync([context.GetArgument<string>("id")], Contexts(context), context.CancellationToken))[0]);

        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"The objects with these global ids, in the same order (null where there is none); at most {NodeLookup.MaxIds} ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids, as objects' `id` fields give them.")
            .ResolveAsync(async context =>
                await NodeLookup.FindAsync(context.GetArgument<List<string>>("ids"), Contexts(context), context.CancellationToken));

        this.Connection<ChangeEvent, EventsConnectionGraphType, ChangeEventFilterInputGraphType, ChangeEventSortInputGraphType>(
            "events", "Change events, newest first unless `order` says otherwise.", ChangeEventQueryable.Declaration, db => db.ChangeEvents);

        Field<EntityGraphType>("entity")
            .Description("One entity by id or by fully qualified name, hard-deleted ones included. An fqn reused after a hard delete finds the entity that is not hard-deleted, else the one changed last.")
            .Argument<UuidGraphType>("id", "OpenMetadata's id of the entity.")
            .Argument<StringGraphType>("fqn", "The fully qualified name, exactly (case-sensitive).")
            .ResolveAsync(async context =>
            {
                var id = context.GetArgument<Guid?>("id");
                var fqn = context.GetArgument<string?>("fqn");
                if (id is null && fqn is null)
                    throw new ExecutionError("Give the entity's id or its fqn.") { Code = "ARGUMENT_MISSING" };
                await using var db = await Contexts(context).CreateDbContextAsync(context.CancellationToken);
                var query = db.Entities.AsNoTracking();
                if (id is { } entityId)
                    query = query.Where(e => e.EntityId == entityId);
                if (fqn is not null)
                    query = query.Where(e => e.Fqn == fqn);
                return await query
                    .OrderBy(e => e.Lifecycle == Lifecycle.HardDeleted)
                    .ThenByDescending(e => e.UpdatedAt)
                    .FirstOrDefaultAsync(context.CancellationToken);
            });
    }

    private static IDbContextFactory<HistoryDbContext> Contexts(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDbContextFactory<HistoryDbContext>>();
}
