using System.Text.Json.Nodes;
using GraphQL.Types;
using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Notifications;

/// A target's filter: the ChangeEventFilterInput of the `changes` subscription, kept as JSON
/// and read back through the schema's own input types, so that it matches exactly the events
/// that the same `where:` would.
public static class NotificationFilter
{
    public const string InputTypeName = "ChangeEventFilterInput";

    public static string? Write(ISchema schema, IDictionary<string, object?>? where) =>
        where is null ? null : InputJson.Write(InputType(schema), where)!.ToJsonString();

    public static IDictionary<string, object?>? Read(ISchema schema, string? json) =>
        json is null ? null : (IDictionary<string, object?>?)InputJson.Read(InputType(schema), JsonNode.Parse(json));

    private static IGraphType InputType(ISchema schema)
    {
        schema.Initialize();
        return schema.AllTypes[InputTypeName] ?? throw new InvalidOperationException($"The schema has no {InputTypeName}.");
    }
}
