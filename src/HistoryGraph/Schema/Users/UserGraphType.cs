using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Users;

public sealed class UserGraphType : ObjectGraphType<Actor>
{
    public const string TypeName = "User";

    public UserGraphType(IEnumerable<IObjectTypeExtension<Actor>> extensions)
    {
        Name = TypeName;
        Description = "A user or bot that made changes.";
        this.ImplementsNode(TypeName, row => row.Name);
        this.ColumnsOf(UserQueryable.Declaration);
        // `changes` is declared with events.
        this.ApplyExtensions(extensions);
    }
}
