using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Diffs;

/// The fields that answer "what differs": `Query.compare` and `EntityVersion.diffFromPrevious`.
public static class DiffFields
{
    public static void AddCompare(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<EntityDiffGraphType>>("compare")
            .Description("What differs between two states of one entity, by version number or by time (the version in force then). Without `toVersion` or `toTime`, the latest version. A version that does not exist is an error (VERSION_NOT_FOUND).")
            .Argument<UuidGraphType>("entityId", "OpenMetadata's id of the entity (or give `fqn`).")
            .Argument<StringGraphType>("fqn", "The entity's fully qualified name (or give `entityId`): the entity that has it now, else the last one that had it.")
            .Argument<DecimalGraphType>("fromVersion", "The older version, e.g. 0.2 (or give `fromTime`).")
            .Argument<DecimalGraphType>("toVersion", "The newer version.")
            .Argument<DateTimeGraphType>("fromTime", "The older state: the version in force at this time.")
            .Argument<DateTimeGraphType>("toTime", "The newer state: the version in force at this time.")
            .ResolveAsync(async context =>
            {
                var (fromVersion, fromTime) = (context.GetArgument<decimal?>("fromVersion"), context.GetArgument<DateTime?>("fromTime"));
                var (toVersion, toTime) = (context.GetArgument<decimal?>("toVersion"), context.GetArgument<DateTime?>("toTime"));
                if (fromVersion is null && fromTime is null)
                    throw new ExecutionError("Give `fromVersion` or `fromTime`.") { Code = "ARGUMENT_MISSING" };
                if ((fromVersion is not null && fromTime is not null) || (toVersion is not null && toTime is not null))
                    throw new ExecutionError("Give a version or a time for each side, not both.") { Code = "INVALID_ARGUMENT" };

                var services = context.RequestServices!;
                var ct = context.CancellationToken;
                await using var db = await context.Contexts().CreateDbContextAsync(ct);
                var entityId = await EntityComparison.EntityIdAsync(db, context.GetArgument<Guid?>("entityId"), context.GetArgument<string?>("fqn"), ct);
                var from = await EntityComparison.VersionAsync(db, entityId, fromVersion, fromTime, "from", ct);
                var to = await EntityComparison.VersionAsync(db, entityId, toVersion, toTime, "to", ct);
                return await EntityComparison.CompareAsync(db, services.GetRequiredService<PayloadCodec>(), from, to, ct);
            });

    public static void AddDiffFromPrevious(this ObjectGraphType<EntityVersion> version) =>
        version.Field<EntityDiffGraphType>("diffFromPrevious")
            .Description("What differs from the entity's version before this one; null for its first version.")
            .Resolve(c => c.Loaders().DiffsFromPrevious.Load((c.Source.EntityId, c.Source.Version)))
            .Reads((EntityVersion r) => r.EntityId, (EntityVersion r) => r.Version);
}
