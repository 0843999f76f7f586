using GraphQL.Validation.Complexity;

namespace HistoryGraph.Execution;

/// What introspection costs in the complexity check: a whole-schema introspection (`__schema`)
/// a quarter of the smallest cost budget and a type looked up by name (`__type`) a hundredth,
/// whatever is selected under them, since what they return is bounded by the schema, not by
/// the request. So one full introspection, as IDEs send it, fits every budget however large
/// the schema grows, and a document that asks for the schema many times over (under aliases)
/// does not.
internal static class IntrospectionCost
{
    public static bool Applies(FieldImpactContext field) =>
        field.FieldDefinition.Name is "__schema" or "__type" || field.ParentType.Name.StartsWith("__", StringComparison.Ordinal);

    public static FieldComplexityResult Of(FieldImpactContext field, int smallestBudget) => field.FieldDefinition.Name switch
    {
        "__schema" => new FieldComplexityResult(smallestBudget / 4.0, 0),
        "__type" => new FieldComplexityResult(smallestBudget / 100.0, 0),
        // Under either of them: already paid for.
        _ => new FieldComplexityResult(0, 0),
    };
}
