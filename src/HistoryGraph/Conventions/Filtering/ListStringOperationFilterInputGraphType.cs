using GraphQL.Types;

namespace HistoryGraph.Conventions.Filtering;

/// Conditions on a list of strings, as Hot Chocolate names them.
public sealed class ListStringOperationFilterInputGraphType : InputObjectGraphType
{
    public ListStringOperationFilterInputGraphType()
    {
        Name = "ListStringOperationFilterInput";
        Description = "Conditions on a list of strings (case-sensitive).";
        Field<StringOperationFilterInputGraphType>("all").Description("Every item meets these conditions (true for an empty list).");
        Field<StringOperationFilterInputGraphType>("none").Description("No item meets these conditions.");
        Field<StringOperationFilterInputGraphType>("some").Description("At least one item meets these conditions.");
        Field<BooleanGraphType>("any").Description("true: the list has items; false: it is empty.");
    }
}
