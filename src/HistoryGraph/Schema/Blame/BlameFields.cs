using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Blame;

public static class BlameFields
{
    public static void AddBlame(this ObjectGraphType<TrackedEntity> entity) =>
        entity.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldBlameGraphType>>>>("blame")
            .Description("Who set each field of this entity as it is at a version (default: its latest): description, display name, owners, tags, tier, domain, and each column's description, tags, data type and constraint, with the version, user and event that set the value.")
            .Argument<DecimalGraphType>("version", "The version to explain; without it, the latest. A version that does not exist is an error (VERSION_NOT_FOUND).")
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
                return await EntityBlame.OfAsync(db, services.GetRequiredService<PayloadCodec>(), context.Source.EntityId, context.GetArgument<decimal?>("version"), context.CancellationToken);
            })
            .Reads((TrackedEntity r) => r.EntityId);
}
