using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;

namespace HistoryGraph.Conventions.Filtering;

/// `<Type>FilterInput { and or <field>: <Kind>OperationFilterInput ... }`, from the declaration.
public sealed class FilterInputGraphType<TRow> : InputObjectGraphType
{
    public FilterInputGraphType(QueryableType<TRow> declaration)
    {
        Name = $"{declaration.TypeName}FilterInput";
        Description = $"Conditions on {declaration.Description}. Conditions side by side must all hold.";
        var self = typeof(ListGraphType<NonNullGraphType<FilterInputGraphType<TRow>>>);
        AddField(new FieldType { Name = "and", Type = self, Description = "All of these must hold." });
        AddField(new FieldType { Name = "or", Type = self, Description = "At least one of these must hold." });
        foreach (var field in declaration.Fields.Where(f => f.Filterable))
            AddField(new FieldType { Name = field.Name, Type = OperationInput(field), Description = field.Description });
    }

    private static Type OperationInput(QueryableField field) => field.Kind switch
    {
        FieldKind.String => typeof(StringOperationFilterInputGraphType),
        FieldKind.Long => typeof(LongOperationFilterInputGraphType),
        FieldKind.Decimal => typeof(DecimalOperationFilterInputGraphType),
        FieldKind.DateTime => typeof(DateTimeOperationFilterInputGraphType),
        FieldKind.Uuid => typeof(UuidOperationFilterInputGraphType),
        FieldKind.Boolean => typeof(BooleanOperationFilterInputGraphType),
        FieldKind.StringList => typeof(ListStringOperationFilterInputGraphType),
        FieldKind.Enum => typeof(EnumOperationFilterInputGraphType<>).MakeGenericType(field.EnumType!),
        FieldKind.Relation => typeof(FilterInputGraphType<>).MakeGenericType(field.RelatedRowType!),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, null),
    };
}
