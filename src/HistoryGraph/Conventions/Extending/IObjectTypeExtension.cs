using GraphQL.Types;

namespace HistoryGraph.Conventions.Extending;

/// Fields that one folder adds to an object type declared in another, as Hot Chocolate's type
/// extensions do: the versions of an entity are declared with versions, so that `Entities/`
/// need not know every folder that hangs something off an entity, and the arrows between
/// folders go one way. The extended type applies every registered extension of its row type
/// at the end of its constructor.
public interface IObjectTypeExtension<TSource>
{
    void Extend(ObjectGraphType<TSource> type);
}
