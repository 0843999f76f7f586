using GraphQL.Types;

namespace HistoryGraph.Conventions.Filtering;

/// `<Enum>OperationFilterInput { eq neq in nin }`, as Hot Chocolate names it per enum.
public sealed class EnumOperationFilterInputGraphType<TEnumGraphType> : InputObjectGraphType where TEnumGraphType : IGraphType, new()
{
    public EnumOperationFilterInputGraphType()
    {
        var enumName = new TEnumGraphType().Name;
        Name = $"{enumName}OperationFilterInput";
        Description = $"Conditions on a {enumName} value.";
        Field<TEnumGraphType>("eq").Description("Equal to.");
        Field<TEnumGraphType>("neq").Description("Not equal to.");
        Field<ListGraphType<NonNullGraphType<TEnumGraphType>>>("in").Description("Equal to one of these.");
        Field<ListGraphType<NonNullGraphType<TEnumGraphType>>>("nin").Description("Equal to none of these.");
    }
}
