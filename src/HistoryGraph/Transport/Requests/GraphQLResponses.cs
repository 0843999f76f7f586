using GraphQL;
using Microsoft.Net.Http.Headers;

namespace HistoryGraph.Transport.Requests;

/// GraphQL results written over HTTP: `application/graphql-response+json` to clients that
/// accept it, `application/json` to the others, as the GraphQL over HTTP specification asks.
public static class GraphQLResponses
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";

    /// Whether a request body of this media type is read as JSON.
    public static bool IsJson(Microsoft.Extensions.Primitives.StringSegment mediaType) =>
        mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) || mediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase);

    /// An error that ends the request before any execution, as a GraphQL response with a code.
    public static Task WriteRequestErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string code, string message) =>
        WriteAsync(http, serializer, new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] }, status);

    public static async Task WriteAsync(HttpContext http, IGraphQLTextSerializer serializer, ExecutionResult result, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = (AcceptsGraphQLResponse(http.Request) ? GraphQLResponseJson : Json) + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    public static bool AcceptsGraphQLResponse(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
