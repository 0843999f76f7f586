using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using HistoryGraph.Schema.Entities;
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
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description(fields["entityId"].Description).Column(r => r.EntityId);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description(fields["entityType"].Description).Column(r => r.EntityType);
        Field<StringGraphType>("fqn").Description(fields["fqn"].Description).Column(r => r.Fqn);
        Field<NonNullGraphType<DeletionKindGraphType>>("kind").Description(fields["kind"].Description).Column(r => r.Kind);
        Field<NonNullGraphType<DateTimeGraphType>>("deletedAt").Description(fields["deletedAt"].Description).Column(r => r.DeletedAt);
        Field<StringGraphType>("deletedBy").Description(fields["deletedBy"].Description).Column(r => r.DeletedBy);
        Field<DecimalGraphType>("version").Description("The entity's version when it was deleted.").Column(r => r.Version);
        Field<JsonGraphType>("lastSnapshot").Description("The entity as it was last known before the delete.").Resolve(c => c.Source.SnapshotEventSequence is { } sequence ? c.Loaders().Snapshots.Load(sequence).Then(json => JsonText.Parse(json)) : null).Reads((Deletion r) => r.SnapshotEventSequence);
        Field<DateTimeGraphType>("restoredAt").Description(fields["restoredAt"].Description).Column(r => r.RestoredAt);
        Field<StringGraphType>("restoredBy").Description(fields["restoredBy"].Description).Column(r => r.RestoredBy);
        Field<NonNullGraphType<LongGraphType>>("eventSequence").Description(fields["eventSequence"].Description).Column(r => r.EventSequence);
        Field<EntityGraphType>("entity").Description("The deleted entity in its current state.")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId)).Reads((Deletion r) => r.EntityId);
    }
}
