using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Loading;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionGraphType : ObjectGraphType<Deletion>
{
    public const string TypeName = "Deletion";

    public DeletionGraphType()
    {
        Name = TypeName;
        Description = "A soft or hard delete of an entity, with the last snapshot before it.";
        var fields = DeletionQueryable.Declaration;
        this.ImplementsNode(TypeName, row => row.EventSequence.ToString(CultureInfo.InvariantCulture));
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description(fields["entityId"].Description).Resolve(c => c.Source.EntityId);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description(fields["entityType"].Description).Resolve(c => c.Source.EntityType);
        Field<StringGraphType>("fqn").Description(fields["fqn"].Description).Resolve(c => c.Source.Fqn);
        Field<NonNullGraphType<DeletionKindGraphType>>("kind").Description(fields["kind"].Description).Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<DateTimeGraphType>>("deletedAt").Description(fields["deletedAt"].Description).Resolve(c => c.Source.DeletedAt);
        Field<StringGraphType>("deletedBy").Description(fields["deletedBy"].Description).Resolve(c => c.Source.DeletedBy);
        Field<DecimalGraphType>("version").Description("The entity's version when it was deleted.").Resolve(c => c.Source.Version);
        Field<JsonGraphType>("lastSnapshot").Description("The entity as it was last known before the delete.").Resolve(c => c.Source.SnapshotEventSequence is { } sequence ? c.Loaders().Snapshots.Load(sequence).Then(json => JsonText.Parse(json)) : null);
        Field<DateTimeGraphType>("restoredAt").Description(fields["restoredAt"].Description).Resolve(c => c.Source.RestoredAt);
        Field<StringGraphType>("restoredBy").Description(fields["restoredBy"].Description).Resolve(c => c.Source.RestoredBy);
        Field<NonNullGraphType<LongGraphType>>("eventSequence").Description(fields["eventSequence"].Description).Resolve(c => c.Source.EventSequence);
        Field<EntityGraphType>("entity").Description("The deleted entity in its current state.")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId));
    }
}
