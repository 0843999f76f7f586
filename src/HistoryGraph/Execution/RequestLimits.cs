using GraphQL;
using GraphQL.DI;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using HistoryGraph.Ingestion.Text;
using HistoryGraph.Shutdown;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Execution;

/// Runs first for every GraphQL request, whatever its transport, and refuses what would cost
/// more than the limits allow before the expensive steps (validation, the complexity analysis,
/// resolvers) see it: each check below costs time proportional to the document's text and
/// stops at the first limit passed. Then it bounds the execution itself: a timeout, and
/// cancellation when the client goes or the server shuts down.
internal sealed class RequestLimits(IOptions<GraphQLOptions> settings, ServerState server) : IConfigureExecution
{
    public float SortOrder => 0;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var limits = settings.Value;
        if (options.Document is null && options.Query is { } query)
        {
            if (CheckTokens(query, limits) is { } refusal)
                return refusal;
            try
            {
                options.Document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = limits.MaxParserDepth });
            }
            catch (GraphQLMaxDepthExceededException)
            {
                return Refused("DOCUMENT_TOO_DEEP", $"The document is nested deeper than {limits.MaxParserDepth} syntax levels (GraphQL:MaxParserDepth).");
            }
            catch (GraphQLSyntaxErrorException)
            {
                // Left to the executor, which reports syntax errors with their location.
            }
            // Measured here, once: a document handed in parsed comes from DocumentCache, which
            // keeps only documents that passed these checks.
            if (options.Document is { } parsed && CheckSize(parsed, limits) is { } tooLarge)
                return tooLarge;
        }

        var operation = OperationType.Query;
        if (options.Document is { } document)
            operation = Selected(document, options.OperationName)?.Operation ?? OperationType.Query;
        if (options.Variables is { } variables && StringProblem(variables, "$") is { } problem)
            return Refused("INVALID_STRING", problem);

        // A subscription lives on after this call (its stream has its own end): no timeout.
        if (operation == OperationType.Subscription)
            return await next(options);
        // One token stops everything, resolvers and database commands alike: the client going
        // away, the server shutting down, or the timeout.
        var client = options.CancellationToken;
        var seconds = operation == OperationType.Mutation ? limits.MutationTimeoutSeconds : limits.ExecutionTimeoutSeconds;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(client, server.Closing, timeout.Token);
        options.CancellationToken = cancellation.Token;
        try
        {
            var result = await next(options);
            // Resolvers that saw the token fail with errors of their own: said once, plainly.
            return result.Errors?.Count > 0 && cancellation.IsCancellationRequested && !client.IsCancellationRequested ? Stopped(timeout.IsCancellationRequested, operation, seconds) : result;
        }
        catch (OperationCanceledException) when (!client.IsCancellationRequested)
        {
            return Stopped(timeout.IsCancellationRequested, operation, seconds);
        }
    }

    private static ExecutionResult Stopped(bool timedOut, OperationType operation, double seconds) => timedOut
        ? Refused("EXECUTION_TIMEOUT", operation == OperationType.Mutation
            ? $"The mutation ran longer than {seconds:0.#} s (GraphQL:MutationTimeoutSeconds) and was stopped; what it finished stays done (see `purgeRuns`, `restoreAttempts`)."
            : $"The request ran longer than {seconds:0.#} s (GraphQL:ExecutionTimeoutSeconds) and was stopped; narrow it down with `where:` or a smaller page.", executed: true)
        : Refused("SERVER_SHUTTING_DOWN", "The server is shutting down; send the request again.", executed: true);

    /// Counts tokens up to the limit (a 1 MB document of `{a a a ...}` is 500,000 of them) and
    /// checks each string literal for NUL and lone surrogates, which no column can hold.
    private static ExecutionResult? CheckTokens(string query, GraphQLOptions limits)
    {
        var start = 0;
        var tokens = 0;
        try
        {
            while (true)
            {
                var token = Lexer.Lex(query, start);
                if (token.Kind == TokenKind.EOF)
                    return null;
                if (++tokens > limits.MaxTokens)
                    return Refused("TOO_MANY_TOKENS", $"The document has more than {limits.MaxTokens} tokens (GraphQL:MaxTokens).");
                if (token.Kind == TokenKind.STRING && StrictText.StringProblem(token.Value.Span) is { } problem)
                    return Refused("INVALID_STRING", $"The string at offset {token.Start} {problem}");
                start = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            return null; // the parser reports it
        }
    }

    private static ExecutionResult? CheckSize(GraphQLDocument document, GraphQLOptions limits)
    {
        var size = DocumentSize.Measure(document);
        if (size.Fields > limits.MaxFields)
            return Refused("TOO_MANY_FIELDS", $"The document selects more than {limits.MaxFields} fields with its fragments expanded (GraphQL:MaxFields).");
        if (size.Aliases > limits.MaxAliases)
            return Refused("TOO_MANY_ALIASES", $"The document has more than {limits.MaxAliases} aliases with its fragments expanded (GraphQL:MaxAliases).");
        if (size.Spreads > limits.MaxFragmentSpreads)
            return Refused("TOO_MANY_FRAGMENT_SPREADS", $"The document spreads fragments more than {limits.MaxFragmentSpreads} times with its fragments expanded (GraphQL:MaxFragmentSpreads).");
        return null;
    }

    private static GraphQLOperationDefinition? Selected(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>();
        return operationName is null
            ? operations.Take(2).Count() == 1 ? operations.First() : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    private static string? StringProblem(object? value, string path) => value switch
    {
        string text when StrictText.StringProblem(text) is { } problem => $"The variable value at {path} {problem}",
        IEnumerable<KeyValuePair<string, object?>> map => map.Select(p => StringProblem(p.Value, $"{path}.{p.Key}")).FirstOrDefault(p => p is not null),
        System.Collections.IEnumerable list and not string => list.Cast<object?>().Select((v, i) => StringProblem(v, $"{path}[{i}]")).FirstOrDefault(p => p is not null),
        _ => null,
    };

    private static ExecutionResult Refused(string code, string message, bool executed = false) =>
        new() { Errors = [new ExecutionError(message) { Code = code }], Executed = executed };
}
