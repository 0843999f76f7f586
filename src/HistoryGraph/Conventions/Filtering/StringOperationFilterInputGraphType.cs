using GraphQL.Types;

namespace HistoryGraph.Conventions.Filtering;

// Hot Chocolate's operation inputs. String comparisons are case-sensitive, in PostgreSQL and
// SQLite alike.
public sealed class StringOperationFilterInputGraphType : InputObjectGraphType
{
    public StringOperationFilterInputGraphType()
    {
        Name = "StringOperationFilterInput";
        Description = "Conditions on a string (case-sensitive). Several conditions must all hold.";
        Field<ListGraphType<NonNullGraphType<StringOperationFilterInputGraphType>>>("and").Description("All of these must hold.");
        Field<ListGraphType<NonNullGraphType<StringOperationFilterInputGraphType>>>("or").Description("At least one of these must hold.");
        Field<StringGraphType>("eq").Description("Equal to.");
        Field<StringGraphType>("neq").Description("Not equal to.");
        Field<StringGraphType>("contains").Description("Contains this text.");
        Field<StringGraphType>("ncontains").Description("Does not contain this text.");
        Field<ListGraphType<StringGraphType>>("in").Description("Equal to one of these.");
        Field<ListGraphType<StringGraphType>>("nin").Description("Equal to none of these.");
        Field<StringGraphType>("startsWith").Description("Starts with this text.");
        Field<StringGraphType>("nstartsWith").Description("Does not start with this text.");
        Field<StringGraphType>("endsWith").Description("Ends with this text.");
        Field<StringGraphType>("nendsWith").Description("Does not end with this text.");
    }
}
