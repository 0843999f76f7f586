using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using HistoryGraph.Restore;
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
        Field<JsonGraphType>("restorePayload").Description("The request `restoreEntity` would send to OpenMetadata for this delete: `{\"id\"}` for a soft delete, " +
                "the create request made from the last snapshot for a hard one (null when none can be made for its type).")
            .Resolve(c => c.Source.Kind == DeletionKind.Soft || c.Source.SnapshotEventSequence is null
                ? EntityRestorer.PayloadOf(c.Source, null)
                : c.Loaders().Snapshots.Load(c.Source.SnapshotEventSequence.Value).Then(snapshot => EntityRestorer.PayloadOf(c.Source, snapshot)))
            .Reads((Deletion r) => r.Kind, (Deletion r) => r.SnapshotEventSequence, (Deletion r) => r.EntityType, (Deletion r) => r.EntityId);
        this.RelationsOf(DeletionQueryable.Declaration);
    }
}
