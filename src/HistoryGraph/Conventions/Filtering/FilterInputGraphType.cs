using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;

namespace HistoryGraph.Conventions.Filtering;

/// `<Type>FilterInput { and or <field>: <Kind>OperationFilterInput ... }`, from the declaration.
public abstract class FilterInputGraphType<TRow> : InputObjectGraphType
{
    protected FilterInputGraphType(QueryableType<TRow> declaration)
    {
        Name = $"{declaration.TypeName}FilterInput";
        Description = $"Conditions on {declaration.Description}. Conditions side by side must all hold.";
        var self = typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(GetType()));
        AddField(new FieldType { Name = "and", Type = self, Description = "All of these must hold." });
        AddField(new FieldType { Name = "or", Type = self, Description = "At least one of these must hold." });
        foreach (var field in declaration.Fields.Where(f => f.Filterable))
            AddField(new FieldType { Name = field.Name, Type = field.OperationInput ?? OperationInput(field.Kind), Description = field.Description });
    }

    private static Type OperationInput(FieldKind kind) => kind switch
    {
        FieldKind.String => typeof(StringOperationFilterInputGraphType),
        FieldKind.Long => typeof(LongOperationFilterInputGraphType),
        FieldKind.Decimal => typeof(DecimalOperationFilterInputGraphType),
        FieldKind.DateTime => typeof(DateTimeOperationFilterInputGraphType),
        FieldKind.Uuid => typeof(UuidOperationFilterInputGraphType),
        FieldKind.Boolean => typeof(BooleanOperationFilterInputGraphType),
        FieldKind.StringList => typeof(ListStringOperationFilterInputGraphType),
        FieldKind.Relation => throw new InvalidOperationException("A relation names its filter input."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
