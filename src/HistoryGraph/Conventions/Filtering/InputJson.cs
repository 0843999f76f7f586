using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL.Types;

namespace HistoryGraph.Conventions.Filtering;

/// A GraphQL input value kept as JSON and read back as the same value: written with each
/// scalar's and enum's own serialization and read with their own parsing, so that a stored
/// input (a notification target's filter) means later exactly what it meant when given.
public static class InputJson
{
    public static JsonNode? Write(IGraphType type, object? value)
    {
        if (value is null)
            return null;
        return type switch
        {
            NonNullGraphType nonNull => Write(nonNull.ResolvedType!, value),
            ListGraphType list => new JsonArray(((IEnumerable)value).Cast<object?>().Select(item => Write(list.ResolvedType!, item)).ToArray()),
            IInputObjectGraphType input => new JsonObject(((IDictionary<string, object?>)value)
                .Select(pair => KeyValuePair.Create(pair.Key, Write(input.Fields.Find(pair.Key)?.ResolvedType
                    ?? throw new InvalidOperationException($"{input.Name} has no field {pair.Key}."), pair.Value)))),
            ScalarGraphType scalar => JsonSerializer.SerializeToNode(scalar.Serialize(value)),
            _ => throw new InvalidOperationException($"{type.Name} is not an input type."),
        };
    }

    public static object? Read(IGraphType type, JsonNode? node)
    {
        if (node is null)
            return null;
        switch (type)
        {
            case NonNullGraphType nonNull:
                return Read(nonNull.ResolvedType!, node);
            case ListGraphType list:
                return node is JsonArray array ? array.Select(item => Read(list.ResolvedType!, item)).ToList() : new List<object?> { Read(list.ResolvedType!, node) };
            case IInputObjectGraphType input:
                var fields = new Dictionary<string, object?>();
                foreach (var (name, value) in node.AsObject())
                    fields[name] = Read(input.Fields.Find(name)?.ResolvedType ?? throw new InvalidOperationException($"{input.Name} has no field {name}."), value);
                return input.ParseDictionary(fields);
            case ScalarGraphType scalar:
                return scalar.ParseValue(Primitive(node.AsValue()));
            default:
                throw new InvalidOperationException($"{type.Name} is not an input type.");
        }
    }

    /// A JSON value as the variables of a request would give it to a scalar.
    private static object? Primitive(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.ToJsonString() is var text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => null,
    };
}
