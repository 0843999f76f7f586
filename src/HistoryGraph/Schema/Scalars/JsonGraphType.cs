using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace HistoryGraph.Schema.Scalars;

/// Any JSON value (object, array, string, number, boolean, null): snapshots and field values.
/// Resolvers return a JsonElement, which is written out as it is.
public sealed class JsonGraphType : ScalarGraphType
{
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "Any JSON value: an object, array, string, number, boolean or null.";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(value),
    };

    public override object? ParseValue(object? value) => value;

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => (string)s.Value,
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLIntValue i => long.Parse((string)i.Value, System.Globalization.CultureInfo.InvariantCulture),
        GraphQLFloatValue f => decimal.Parse((string)f.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
        GraphQLListValue l => l.Values?.Select(ParseLiteral).ToList() ?? [],
        GraphQLObjectValue o => o.Fields?.ToDictionary(f => (string)f.Name.Value, f => ParseLiteral(f.Value)) ?? [],
        _ => ThrowLiteralConversionError(value),
    };
}
