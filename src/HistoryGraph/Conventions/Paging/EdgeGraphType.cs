using GraphQL.Resolvers;
using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;

namespace HistoryGraph.Conventions.Paging;

/// `<Field>Edge { cursor node }`.
public sealed class EdgeGraphType<TRow> : ObjectGraphType<Edge<TRow>>
{
    public EdgeGraphType(QueryableType<TRow> declaration)
    {
        var fieldName = declaration.ConnectionName ?? throw new InvalidOperationException($"{declaration.TypeName} names no connection.");
        Name = $"{char.ToUpperInvariant(fieldName[0])}{fieldName[1..]}Edge";
        Description = $"An item of `{fieldName}` with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque cursor of this item, for `after` and `before`.").Resolve(c => c.Source.Cursor);
        AddField(new FieldType
        {
            Name = "node",
            Description = "The item.",
            Type = typeof(NonNullGraphType<>).MakeGenericType(declaration.GraphType),
            Resolver = new FuncFieldResolver<Edge<TRow>, object?>(c => c.Source.Node),
        });
    }
}
