using System.Text.Json;
using GraphQL;
using HistoryGraph.Ingestion.Text;

using HistoryGraph.TrustedDocuments;

namespace HistoryGraph.Transport.Requests;

/// Reads and checks the request parameters as GraphQL over HTTP defines them: `query` a string,
/// `operationName` a string or null, `variables` and `extensions` maps or null. A problem is a
/// request error (the document is never executed).
internal static class GraphQLRequestReader
{
    /// NotJson: the body is empty or not JSON at all, which is a bad request whatever the client
    /// accepts; other problems are request errors answered in the negotiated media type.
    public static (GraphQLHttpRequest? Request, string? Problem, bool NotJson) FromJson(ReadOnlySpan<byte> body, IGraphQLTextSerializer serializer)
    {
        if (body.IsEmpty)
            return (null, "The request body is empty; expected a JSON object with a \"query\".", true);
        // Invalid UTF-8 and escapes of lone surrogates are found here, before any string is read.
        if (StrictText.JsonProblem(body) is { } notJson)
            return (null, notJson.Replace("The body", "The request body", StringComparison.Ordinal), true);
        var document = JsonDocument.Parse(body.ToArray(), StrictText.JsonOptions);
        using (document)
        {
            var (request, problem) = FromElement(document.RootElement, serializer);
            return (request, problem, false);
        }
    }

    /// A request as a JSON object: a POST body, or the payload of a WebSocket subscribe message.
    public static (GraphQLHttpRequest? Request, string? Problem) FromElement(JsonElement root, IGraphQLTextSerializer serializer)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, "The request must be a JSON object with a \"query\".");
        return Check(Get(root, "query"), Get(root, "operationName"), Get(root, "variables"), Get(root, "extensions"), Get(root, "documentId") ?? Get(root, "id"), serializer);
    }

    /// GET: the same parameters as URL query parameters, variables and extensions as JSON text.
    public static (GraphQLHttpRequest? Request, string? Problem) FromQueryString(IQueryCollection query, IGraphQLTextSerializer serializer)
    {
        JsonElement? Text(string name) => query.TryGetValue(name, out var v) && v.Count > 0 ? JsonSerializer.SerializeToElement(v[0]) : null;
        JsonElement? Json(string name, out string? problem)
        {
            problem = null;
            if (!query.TryGetValue(name, out var v) || string.IsNullOrEmpty(v[0]))
                return null;
            try
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(v[0]!);
                if (StrictText.JsonProblem(bytes) is not null)
                    throw new JsonException();
                using var doc = JsonDocument.Parse(bytes);
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                problem = $"The \"{name}\" query parameter is not valid JSON.";
                return null;
            }
        }

        var variables = Json("variables", out var variablesProblem);
        var extensions = Json("extensions", out var extensionsProblem);
        if ((variablesProblem ?? extensionsProblem) is { } problem)
            return (null, problem);
        return Check(Text("query"), Text("operationName"), variables, extensions, Text("documentId") ?? Text("id"), serializer);
    }

    private static (GraphQLHttpRequest?, string?) Check(JsonElement? query, JsonElement? operationName, JsonElement? variables, JsonElement? extensions, JsonElement? documentId,
        IGraphQLTextSerializer serializer)
    {
        if (documentId is { } id && id.ValueKind != JsonValueKind.String)
            return (null, "The \"documentId\" parameter must be a string.");
        // A trusted document's id: the appendix's `documentId`, Hot Chocolate's `id`, or
        // Apollo's `extensions.persistedQuery.sha256Hash`.
        var trusted = documentId?.GetString() is { Length: > 0 } given ? (given.Contains(':') ? given : "sha256:" + given)
            : extensions is { ValueKind: JsonValueKind.Object } ext0 && ext0.TryGetProperty("persistedQuery", out var persisted) && persisted.ValueKind == JsonValueKind.Object
              && persisted.TryGetProperty("sha256Hash", out var hash) && hash.ValueKind == JsonValueKind.String ? "sha256:" + hash.GetString() : null;
        // An empty text beside an id is no text: clients whose protocol insists on a query
        // string (graphql-ws) send "" with the id.
        if (trusted is not null && query is { ValueKind: JsonValueKind.String } empty && empty.GetString()!.Length == 0)
            query = null;
        if (trusted is not null && query is { ValueKind: JsonValueKind.String } sent)
        {
            // Apollo sends the text with its hash to register it: taken as the id, if they agree.
            if (trusted != "sha256:" + TrustedDocumentStore.HashOf(sent.GetString()!))
                return (null, "The document's text and its id do not agree: send one of them.");
            query = null;
        }
        if (trusted is null && (query is not { ValueKind: JsonValueKind.String } q || string.IsNullOrWhiteSpace(q.GetString())))
            return (null, query is null ? "The \"query\" parameter is missing." : "The \"query\" parameter must be a string.");
        if (operationName is { } op && op.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return (null, "The \"operationName\" parameter must be a string or null.");
        if (variables is { } v && v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            return (null, "The \"variables\" parameter must be a map or null.");
        if (extensions is { } x && x.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            return (null, "The \"extensions\" parameter must be a map or null.");

        return (new GraphQLHttpRequest(
            query?.GetString(),
            operationName is { ValueKind: JsonValueKind.String } name ? name.GetString() : null,
            variables is { ValueKind: JsonValueKind.Object } vars ? serializer.ReadNode<Inputs>(vars) : null,
            extensions is { ValueKind: JsonValueKind.Object } ext ? serializer.ReadNode<Inputs>(ext) : null,
            trusted), null);
    }

    private static JsonElement? Get(JsonElement obj, string name) => obj.TryGetProperty(name, out var value) ? value : null;
}
