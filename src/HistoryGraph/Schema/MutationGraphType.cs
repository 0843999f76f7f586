using GraphQL;
using GraphQL.Types;
using HistoryGraph.Admin;
using HistoryGraph.Restore;
using HistoryGraph.Schema.Restores;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema;

/// Admin operations: each needs an admin key (Admin:ApiKeys), checked before anything runs.
public sealed class MutationGraphType : ObjectGraphType
{
    public MutationGraphType()
    {
        Name = "Mutation";
        Description = "Admin operations on OpenMetadata and the history; each needs an admin key (`X-Api-Key` or `Authorization: Bearer`).";

        Field<NonNullGraphType<RestoreResultGraphType>>("restoreEntity")
            .Description("Brings a deleted entity back in OpenMetadata: a soft-deleted one through OpenMetadata's restore endpoint, a hard-deleted one by " +
                "creating it again from a stored snapshot (`version`'s, by default the last before the delete; `Deletion.restorePayload` shows the request). " +
                "The attempt is recorded whatever happens (`restoreAttempts`).")
            .Argument<NonNullGraphType<UuidGraphType>>("entityId", "The deleted entity's id.")
            .Argument<DecimalGraphType>("version", "For a hard-deleted entity: the version to recreate. Default: the last before the delete.")
            .ResolveAsync(async context =>
            {
                var grant = AdminAccess.Require(context.UserContext);
                return await context.RequestServices!.GetRequiredService<EntityRestorer>().RestoreAsync(
                    context.GetArgument<Guid>("entityId"), context.GetArgument<decimal?>("version"), grant.Who, context.CancellationToken);
            });
    }
}
