using System.Text.Json;
using GraphQL.Types;
using HistoryGraph.Conventions.Paging;

namespace HistoryGraph.CompiledReads;

/// Writes a compiled page as the resolvers would have answered it: the same fields in the
/// same order, each value through its scalar's own serialization, cursors encoded alike.
public static class ResponseWriter
{
    public static void WriteConnection(Utf8JsonWriter writer, PageQuery query, Page page, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var field in query.Plan.Fields)
        {
            writer.WritePropertyName(field.Key);
            switch (field.Kind)
            {
                case OutputKind.Nodes:
                    writer.WriteStartArray();
                    foreach (var row in page.Rows)
                        WriteRow(writer, query, row, field.Fields!, options);
                    writer.WriteEndArray();
                    break;
                case OutputKind.Edges:
                    writer.WriteStartArray();
                    foreach (var row in page.Rows)
                    {
                        writer.WriteStartObject();
                        foreach (var part in field.Fields!)
                        {
                            writer.WritePropertyName(part.Key);
                            if (part.Kind == OutputKind.Cursor)
                                writer.WriteStringValue(KeysetPaging.Encode(row.Keys));
                            else if (part.Kind == OutputKind.Node)
                                WriteRow(writer, query, row, part.Fields!, options);
                            else
                                writer.WriteStringValue(part.Text);
                        }
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    break;
                case OutputKind.PageInfo:
                    writer.WriteStartObject();
                    foreach (var part in field.Fields!)
                    {
                        writer.WritePropertyName(part.Key);
                        switch (part.Kind)
                        {
                            case OutputKind.HasNextPage:
                                writer.WriteBooleanValue(query.HasNextPage(page));
                                break;
                            case OutputKind.HasPreviousPage:
                                writer.WriteBooleanValue(query.HasPreviousPage(page));
                                break;
                            case OutputKind.StartCursor or OutputKind.EndCursor when page.Rows.Count == 0:
                                writer.WriteNullValue();
                                break;
                            case OutputKind.StartCursor:
                                writer.WriteStringValue(KeysetPaging.Encode(page.Rows[0].Keys));
                                break;
                            case OutputKind.EndCursor:
                                writer.WriteStringValue(KeysetPaging.Encode(page.Rows[^1].Keys));
                                break;
                            default:
                                writer.WriteStringValue(part.Text);
                                break;
                        }
                    }
                    writer.WriteEndObject();
                    break;
                case OutputKind.TotalCount:
                    writer.WriteNumberValue(page.Total ?? 0);
                    break;
                default:
                    writer.WriteStringValue(field.Text);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter writer, PageQuery query, PageRow row, IReadOnlyList<OutputField> fields, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var field in fields)
        {
            writer.WritePropertyName(field.Key);
            switch (field.Kind)
            {
                case OutputKind.Column:
                    WriteValue(writer, row.Columns[field.Index], field.Scalar!, field.List, options);
                    break;
                case OutputKind.Computed:
                    WriteValue(writer, query.Plan.Compute(field.Index, row.Columns), field.Scalar!, list: false, options);
                    break;
                case OutputKind.Connection:
                    WriteConnection(writer, query.Children[field.Index], row.Children[field.Index], options);
                    break;
                default:
                    writer.WriteStringValue(field.Text);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, ScalarGraphType scalar, bool list, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        if (!list)
        {
            WriteScalar(writer, scalar.Serialize(value), options);
            return;
        }
        writer.WriteStartArray();
        foreach (var item in (System.Collections.IEnumerable)value)
            WriteScalar(writer, item is null ? null : scalar.Serialize(item), options);
        writer.WriteEndArray();
    }

    private static void WriteScalar(Utf8JsonWriter writer, object? serialized, JsonSerializerOptions options)
    {
        switch (serialized)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            default:
                JsonSerializer.Serialize(writer, serialized, serialized.GetType(), options);
                break;
        }
    }
}
