using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using HistoryGraph.Schema.Blame;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Entities;

/// `EntityGraphType`, not `EntityTypeType`: OpenMetadata's own `entityType` is a field here.
public sealed class EntityGraphType : ObjectGraphType<TrackedEntity>
{
    public const string TypeName = "Entity";

    public EntityGraphType(IEnumerable<IObjectTypeExtension<TrackedEntity>> extensions)
    {
        Name = TypeName;
        Description = "An OpenMetadata entity (table, dashboard, pipeline, glossary term, user, ...) in its current state: the one set by the event with the highest version.";
        this.ImplementsNode(TypeName, row => row.EntityId.ToString());
        this.ColumnsOf(EntityQueryable.Declaration);
        Field<JsonGraphType>("owners").Description("Owners: a list of user and team references.").Resolve(c => JsonText.Parse(c.Source.Owners)).Reads((TrackedEntity r) => r.Owners);
        Field<JsonGraphType>("tags").Description("Tag labels (classification tags and glossary terms).").Resolve(c => JsonText.Parse(c.Source.Tags)).Reads((TrackedEntity r) => r.Tags);
        Field<JsonGraphType>("snapshot").Description("The full entity as OpenMetadata last sent it.").Resolve(c => c.Source.SnapshotEventSequence is { } sequence ? c.Loaders().Snapshots.Load(sequence).Then(json => JsonText.Parse(json)) : null).Reads((TrackedEntity r) => r.SnapshotEventSequence);

        this.AddBlame();
        // Versions, field changes, events and the deletion are declared with them.
        this.ApplyExtensions(extensions);
    }
}
