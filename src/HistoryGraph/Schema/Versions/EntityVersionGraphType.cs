using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using HistoryGraph.Schema.Diffs;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Users;

namespace HistoryGraph.Schema.Versions;

public sealed class EntityVersionGraphType : ObjectGraphType<EntityVersion>
{
    public const string TypeName = "EntityVersion";

    public EntityVersionGraphType()
    {
        Name = TypeName;
        Description = "An entity as it was at one version: the full snapshot OpenMetadata sent for it.";
        this.ImplementsNode(TypeName, row => $"{row.EntityId}:{row.Version.ToString(CultureInfo.InvariantCulture)}");
        this.ColumnsOf(EntityVersionQueryable.Declaration);
        Field<NonNullGraphType<JsonGraphType>>("snapshot").Description("The full entity at this version.").Resolve(c => c.Loaders().Snapshots.Load(c.Source.EventSequence).Then(json => JsonText.Parse(json))).Reads((EntityVersion r) => r.EventSequence);
        this.RelationsOf(EntityVersionQueryable.Declaration);
        Field<UserGraphType>("user").Description("The user or bot that made this version.")
            .Resolve(c => c.Source.ChangedBy is { } name ? c.Loaders().Users.Load(name) : null).Reads((EntityVersion r) => r.ChangedBy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeGraphType>>>>("fieldChanges").Description("The field changes of the event that made this version.")
            .Resolve(c => c.Loaders().FieldChangesOfEvents.Load(c.Source.EventSequence)).Reads((EntityVersion r) => r.EventSequence);
        this.AddDiffFromPrevious();
    }
}
