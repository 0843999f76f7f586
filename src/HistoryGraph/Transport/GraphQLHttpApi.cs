using GraphQL;
using GraphQL.Utilities;
using GraphQLParser;
using GraphQLParser.AST;
using HistoryGraph.Access;
using HistoryGraph.Execution;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema;
using HistoryGraph.Transport.Requests;
using HistoryGraph.Transport.Streaming;
using HistoryGraph.Transport.WebSockets;
using HistoryGraph.TrustedDocuments;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HistoryGraph.Transport;

/// GraphQL over HTTP on /graphql: POST application/json, GET for queries, `GET /graphql?sdl`.
/// Answers application/graphql-response+json when the client accepts it (request, parse and
/// validation errors are then 400 without `data`), otherwise application/json (200 with the
/// errors in the body), as the GraphQL over HTTP specification asks. A body that is not JSON
/// at all is 400 either way. WebSocket upgrades and event streams on the same path are handed
/// to ServerSentEventsApi and GraphQLWebSocketApi.
public static class GraphQLHttpApi
{
    public const string Path = "/graphql";

    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, PostAsync);
        app.MapGet(Path, GetAsync);
        return app;
    }

    private static async Task PostAsync(HttpContext http, IDocumentExecuter<HistorySchema> executer, IGraphQLTextSerializer serializer, IOptions<GraphQLOptions> options, BodyLimits bodyLimits)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !(GraphQLResponses.IsJson(contentType.MediaType)))
        {
            await GraphQLResponses.WriteRequestErrorAsync(http, serializer, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                "POST requests must have Content-Type: application/json.");
            return;
        }
        // Before the body is read: a caller who may not read costs no parsing.
        if (await ReaderAsync(http, serializer) is not { } caller)
            return;
        GraphQLHttpRequest? request;
        string? problem;
        bool notJson;
        using (var read = await RequestBody.ReadAsync(http.Request, options.Value.MaxRequestBytes, bodyLimits, http.RequestAborted))
        {
            if (read.Bytes is not { } body)
            {
                var (status, code, message) = read.Answer(http.Response, bodyLimits, "REQUEST_TOO_LARGE", "GraphQL:MaxRequestBytes", options.Value.MaxRequestBytes);
                await GraphQLResponses.WriteRequestErrorAsync(http, serializer, status, code, message);
                return;
            }
            (request, problem, notJson) = GraphQLRequestReader.FromJson(body, serializer);
        }
        if (request is null)
        {
            if (notJson)
                await GraphQLResponses.WriteRequestErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "INVALID_REQUEST", problem!);
            else
                await WriteInvalidRequestAsync(http, serializer, problem!);
            return;
        }
        // The document is parsed here only when the client accepts an event stream; otherwise
        // the executor alone parses it, and a subscription shows in its result.
        if (ServerSentEventsApi.Wants(http.Request, () => OperationOf(http, request) == OperationType.Subscription))
        {
            await ServerSentEventsApi.StreamAsync(http, request, caller);
            return;
        }
        await ExecuteAsync(http, executer, serializer, request, caller);
    }

    private static async Task GetAsync(HttpContext http, IDocumentExecuter<HistorySchema> executer, IGraphQLTextSerializer serializer, HistorySchema schema)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            await GraphQLWebSocketApi.AcceptAsync(http);
            return;
        }
        if (await ReaderAsync(http, serializer) is not { } caller)
            return;
        if (await BananaCakePopApi.TryServeAsync(http))
            return;
        if (http.Request.Query.ContainsKey("sdl"))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(schema.Print(), http.RequestAborted);
            return;
        }
        var (request, problem) = GraphQLRequestReader.FromQueryString(http.Request.Query, serializer);
        if (request is null)
        {
            await WriteInvalidRequestAsync(http, serializer, problem!);
            return;
        }
        var operation = OperationOf(http, request);
        if (operation != OperationType.Mutation && ServerSentEventsApi.Wants(http.Request, () => operation == OperationType.Subscription))
        {
            await ServerSentEventsApi.StreamAsync(http, request, caller);
            return;
        }
        if (operation == OperationType.Subscription)
        {
            await WriteSubscriptionNeedsStreamAsync(http, serializer);
            return;
        }
        if (operation is { } type and not OperationType.Query)
        {
            // GET must not change anything: mutations (and subscriptions) only over POST.
            http.Response.Headers.Allow = "POST";
            await GraphQLResponses.WriteRequestErrorAsync(http, serializer, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED",
                $"A {type.ToString().ToLowerInvariant()} cannot be sent with GET; use POST.");
            return;
        }
        await ExecuteAsync(http, executer, serializer, request, caller);
    }

    /// The caller, when it may read; otherwise null, and the refusal has been answered.
    private static async Task<Caller?> ReaderAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        var decision = await http.RequestServices.GetRequiredService<AccessControl>().DecideAsync(http, AccessRole.Reader);
        if (decision.Allowed)
            return decision.Caller;
        AccessControl.Explain(http, decision);
        await GraphQLResponses.WriteRequestErrorAsync(http, serializer, decision.Status, decision.Code!, decision.Message!);
        return null;
    }

    private static async Task ExecuteAsync(HttpContext http, IDocumentExecuter<HistorySchema> executer, IGraphQLTextSerializer serializer, GraphQLHttpRequest request, Caller caller)
    {
        var cost = new OperationCost(OperationCost.IsRequested(http.Request));
        if (!ReadConsistency.TryParse(http.Request, out var minSequence))
        {
            await GraphQLResponses.WriteRequestErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", ReadConsistency.Invalid);
            return;
        }
        var userContext = new Dictionary<string, object?> { [Caller.ContextKey] = caller, [OperationCost.ContextKey] = cost, [ReadConsistency.ContextKey] = minSequence };
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            DocumentId = request.DocumentId,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            UserContext = userContext,
            CancellationToken = http.RequestAborted,
        });
        if (userContext.TryGetValue(ReadConsistency.SourceKey, out var source) && source is string readFrom)
            http.Response.Headers[ReadConsistency.SourceHeader] = readFrom;
        if (cost.BelongsInAnswer)
            (result.Extensions ??= [])["cost"] = cost.ToExtension();
        if (result.Streams is not null)
        {
            await WriteSubscriptionNeedsStreamAsync(http, serializer);
            return;
        }
        var graphQLResponse = GraphQLResponses.AcceptsGraphQLResponse(http.Request);
        // Not executed means the document failed to parse or validate: a bad request.
        var status = graphQLResponse && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await GraphQLResponses.WriteAsync(http, serializer, result, status);
    }

    // Subscriptions stream: over a WebSocket, or as Server-Sent Events when the client accepts them.
    private static Task WriteSubscriptionNeedsStreamAsync(HttpContext http, IGraphQLTextSerializer serializer) =>
        GraphQLResponses.WriteRequestErrorAsync(http, serializer, StatusCodes.Status406NotAcceptable, "SUBSCRIPTION_NEEDS_STREAM",
            "A subscription is a stream: open a WebSocket on /graphql (graphql-transport-ws or graphql-ws), or send `Accept: text/event-stream`.");

    private static Task WriteInvalidRequestAsync(HttpContext http, IGraphQLTextSerializer serializer, string message) =>
        GraphQLResponses.WriteRequestErrorAsync(http, serializer, GraphQLResponses.AcceptsGraphQLResponse(http.Request) ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
            "INVALID_REQUEST", message);

    /// The operation's type, from the text or from the trusted document the id names (in
    /// memory); null when neither tells (the executor then reports why).
    private static OperationType? OperationOf(HttpContext http, GraphQLHttpRequest request)
    {
        var text = request.Query ?? (request.DocumentId is { } id && id.StartsWith("sha256:", StringComparison.Ordinal)
            ? http.RequestServices.GetRequiredService<TrustedDocumentStore>().Find(id[7..]) : null);
        if (text is null)
            return null;
        try
        {
            var document = Parser.Parse(text);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var operation = request.OperationName is { } name
                ? operations.FirstOrDefault(o => o.Name?.StringValue == name)
                : operations.Count == 1 ? operations[0] : null;
            return operation?.Operation;
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null; // the executor reports it
        }
    }
}
