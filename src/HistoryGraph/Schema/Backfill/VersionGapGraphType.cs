using GraphQL.Types;
using HistoryGraph.Backfill;
using HistoryGraph.Schema.Completeness;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Backfill;

public sealed class VersionGapGraphType : ObjectGraphType<VersionGap>
{
    public VersionGapGraphType()
    {
        Name = "VersionGap";
        Description = "Versions of an entity missing between two stored ones. OpenMetadata steps a version by 0.1 (minor) or 1.0 (major); any other " +
            "distance, or a later event naming a previous version that is not stored, is a gap. A backfill fetches the missing versions from OpenMetadata.";
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description("The entity's id.").Resolve(c => c.Source.EntityId);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description("The entity's type.").Resolve(c => c.Source.EntityType);
        Field<StringGraphType>("fqn").Description("The entity's fully qualified name at the later version.").Resolve(c => c.Source.Fqn);
        Field<NonNullGraphType<DecimalGraphType>>("afterVersion").Description("The stored version before the gap.").Resolve(c => c.Source.AfterVersion);
        Field<NonNullGraphType<DecimalGraphType>>("beforeVersion").Description("The stored version after the gap.").Resolve(c => c.Source.BeforeVersion);
        Field<DecimalGraphType>("namedPreviousVersion").Description("The `previousVersion` the later version's event named, when it did.").Resolve(c => c.Source.NamedPrevious);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DecimalGraphType>>>>("missingVersions")
            .Description("The versions certainly missing: every minor step across a gap under 1.0, and the version the later event named. " +
                "Across a wider gap the steps taken are known only once OpenMetadata is asked.")
            .Resolve(c => c.Source.MissingVersions);
        Field<MissingReasonGraphType>("reason").Description("Why the repair left it: OpenMetadata has no such versions, refused, or could not be reached; null for a gap not yet tried.").Resolve(c => c.Source.Reason);
        Field<StringGraphType>("detail").Description("OpenMetadata's answer or the error, when it refused or was away.").Resolve(c => c.Source.Detail);
        Field<EntityGraphType>("entity").Description("The entity in its current state.").Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId));
    }
}
