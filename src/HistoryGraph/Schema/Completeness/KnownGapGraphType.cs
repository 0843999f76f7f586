using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Completeness;

public sealed class KnownGapGraphType : ObjectGraphType<KnownGap>
{
    public KnownGapGraphType()
    {
        Name = "KnownGap";
        Description = "Versions of an entity known to be missing between two stored ones, that could not be fetched from OpenMetadata, and why.";
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description("The entity's id.").Resolve(c => c.Source.EntityId);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description("The entity's type.").Resolve(c => c.Source.EntityType);
        Field<StringGraphType>("fqn").Description("The entity's fully qualified name at the version after the gap.").Resolve(c => c.Source.Fqn);
        Field<NonNullGraphType<DecimalGraphType>>("afterVersion").Description("The stored version before the gap.").Resolve(c => c.Source.AfterVersion);
        Field<NonNullGraphType<DecimalGraphType>>("beforeVersion").Description("The stored version after the gap.").Resolve(c => c.Source.BeforeVersion);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DecimalGraphType>>>>("versions")
            .Description("The versions certainly missing (every minor step of a gap under 1.0, and the version the later event names); across a wider gap the steps OpenMetadata took are unknown.")
            .Resolve(c => c.Source.Versions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToList());
        Field<NonNullGraphType<MissingReasonGraphType>>("reason").Description("Why they could not be stored.").Resolve(c => c.Source.Reason);
        Field<StringGraphType>("detail").Description("OpenMetadata's answer or the error.").Resolve(c => c.Source.Detail);
        Field<NonNullGraphType<DateTimeGraphType>>("foundAt").Description("When a check first found the gap.").Resolve(c => c.Source.FoundAt);
        Field<NonNullGraphType<DateTimeGraphType>>("lastTriedAt").Description("When a check last tried to close it.").Resolve(c => c.Source.LastTriedAt);
        Field<EntityGraphType>("entity").Description("The entity in its current state.").Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId));
    }
}
