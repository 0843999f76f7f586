using GraphQL.Types;
using GraphQL.Utilities;

namespace HistoryGraph.Schema.Scalars;

/// GraphQL.NET's own scalars come without descriptions; the schema documents every type.
public sealed class ScalarDescriptions : BaseSchemaNodeVisitor
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["DateTime"] = "A moment in time, ISO-8601 with its offset, e.g. 2026-09-21T14:14:20Z (stored and answered in UTC).",
        ["Decimal"] = "An exact decimal number, e.g. an entity version such as 0.3 or 1.2.",
        ["Long"] = "A 64-bit integer, e.g. an event's sequence number.",
    };

    public override void VisitScalar(ScalarGraphType type, ISchema schema)
    {
        if (string.IsNullOrEmpty(type.Description) && Descriptions.TryGetValue(type.Name, out var description))
            type.Description = description;
    }
}
