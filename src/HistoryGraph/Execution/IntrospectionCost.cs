using System.Runtime.CompilerServices;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace HistoryGraph.Execution;

/// What introspection costs in the complexity check: like any field, with each list counted
/// as long as it is in this schema on average (`__schema.types` as many as there are types,
/// `fields` as many as a type has on average...), so that a document's cost follows the size
/// of its answer. One full introspection query, as IDEs send it, fits the default limit; a
/// document that asks for the schema many times over (under aliases) does not.
internal static class IntrospectionCost
{
    private static readonly ConditionalWeakTable<ISchema, Dictionary<string, double>> Multipliers = new();

    public static bool Applies(FieldImpactContext field) =>
        field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || field.ParentType.Name.StartsWith("__", StringComparison.Ordinal);

    public static FieldComplexityResult Of(FieldImpactContext field)
    {
        var multipliers = Multipliers.GetValue(field.ValidationContext.Schema, Measure);
        return new FieldComplexityResult(1, multipliers.GetValueOrDefault(field.FieldDefinition.Name, 1));
    }

    private static Dictionary<string, double> Measure(ISchema schema)
    {
        var types = schema.AllTypes.ToList();
        var complex = types.OfType<IComplexGraphType>().ToList();
        var fields = complex.SelectMany(t => t.Fields).ToList();
        static double Average(int total, int count) => count == 0 ? 1 : Math.Max(0.1, (double)total / count);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["types"] = types.Count,
            ["directives"] = Math.Max(1, schema.Directives.Count),
            ["fields"] = Average(fields.Count, complex.Count),
            ["inputFields"] = Average(fields.Count, complex.Count),
            ["args"] = Average(fields.Sum(f => f.Arguments?.Count ?? 0), fields.Count),
            ["enumValues"] = Average(types.OfType<EnumerationGraphType>().Sum(e => e.Values.Count), types.OfType<EnumerationGraphType>().Count()),
            ["interfaces"] = Average(types.OfType<IObjectGraphType>().Sum(t => t.ResolvedInterfaces.Count), types.OfType<IObjectGraphType>().Count()),
            // Most type references are a named type or wrap one once or twice: each level of
            // `ofType` is null (and costs nothing) more often than not.
            ["ofType"] = 0.5,
            ["possibleTypes"] = Average(types.OfType<IAbstractGraphType>().Sum(t => t.PossibleTypes.Count), types.OfType<IAbstractGraphType>().Count()),
        };
    }
}
