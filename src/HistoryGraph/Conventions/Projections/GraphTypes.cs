using GraphQL.Types;

namespace HistoryGraph.Conventions.Projections;

public static class GraphTypes
{
    /// The named type under its non-null and list wrappers.
    public static IGraphType? Unwrap(IGraphType? type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType),
        ListGraphType list => Unwrap(list.ResolvedType),
        _ => type,
    };
}
