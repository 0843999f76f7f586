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
        this.ImplementsNode(TypeName, row => row.EventSequence.ToString(CultureInfo.InvariantCulture));
        this.ColumnsOf(DeletionQueryable.Declaration);
        Field<JsonGraphType>("lastSnapshot").Description("The entity as it was last known before the delete.").Resolve(c => c.Source.SnapshotEventSequence is { } sequence ? c.Loaders().Snapshots.Load(sequence).Then(json => JsonText.Parse(json)) : null).Reads((Deletion r) => r.SnapshotEventSequence);
        Field<EntityGraphType>("entity").Description("The deleted entity in its current state.")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId)).Reads((Deletion r) => r.EntityId);
    }
}
