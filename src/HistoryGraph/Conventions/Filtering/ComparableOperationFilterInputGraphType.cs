using GraphQL.Types;

namespace HistoryGraph.Conventions.Filtering;

/// eq, neq, in, nin, gt, ngt, gte, ngte, lt, nlt, lte, nlte on one scalar type.
public abstract class ComparableOperationFilterInputGraphType<TScalar> : InputObjectGraphType where TScalar : ScalarGraphType
{
    protected ComparableOperationFilterInputGraphType(string name, string what)
    {
        Name = name;
        Description = $"Conditions on {what}. Several conditions must all hold.";
        Field<TScalar>("eq").Description("Equal to.");
        Field<TScalar>("neq").Description("Not equal to.");
        Field<ListGraphType<TScalar>>("in").Description("Equal to one of these.");
        Field<ListGraphType<TScalar>>("nin").Description("Equal to none of these.");
        Field<TScalar>("gt").Description("Greater than.");
        Field<TScalar>("ngt").Description("Not greater than.");
        Field<TScalar>("gte").Description("Greater than or equal to.");
        Field<TScalar>("ngte").Description("Not greater than or equal to.");
        Field<TScalar>("lt").Description("Less than.");
        Field<TScalar>("nlt").Description("Not less than.");
        Field<TScalar>("lte").Description("Less than or equal to.");
        Field<TScalar>("nlte").Description("Not less than or equal to.");
    }
}
