using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;

namespace HistoryGraph.Conventions.Sorting;

/// `<Type>SortInput { <field>: SortEnumType ... }`, from the declaration.
public sealed class SortInputGraphType<TRow> : InputObjectGraphType
{
    public SortInputGraphType(QueryableType<TRow> declaration)
    {
        Name = $"{declaration.TypeName}SortInput";
        Description = $"A sort of {declaration.Description}; list elements apply in turn (then by), fields within an element in the order written.";
        foreach (var field in declaration.Fields.Where(f => f.Sortable))
            AddField(new FieldType { Name = field.Name, Type = typeof(SortEnumGraphType), Description = field.Description });
    }
}
