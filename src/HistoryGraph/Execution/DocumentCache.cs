using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Execution;

/// Documents that parsed and validated, by their text: a dashboard sends the same few documents
/// again and again with other variables, and lexing, parsing, the size checks and validation
/// cost more than executing a small query. On a hit only the rule that depends on the variables
/// and the caller runs again (CostRule: list multipliers come from `first`/`last`, budgets from
/// the caller's role), and walks the document again only when its variables can change its
/// cost (ComplexityInputs). Bounded by the documents' total length
/// (GraphQL:DocumentCacheChars); the least recently used go first.
internal sealed class DocumentCache : IConfigureExecution, IDisposable
{
    private readonly MemoryCache? _documents;

    public DocumentCache(IOptions<GraphQLOptions> options)
    {
        if (options.Value.DocumentCacheChars > 0)
            _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.DocumentCacheChars, CompactionPercentage = 0.25 });
    }

    /// Before RequestLimits (0): a cached document has passed its checks already.
    public float SortOrder => -1;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (_documents is null || options.Document is not null || options.Query is not { } query)
            return await next(options);

        var cached = _documents.Get<GraphQLDocument>(query);
        if (cached is not null)
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
        }
        var result = await next(options);
        // Executed means it validated; a document refused for its variables alone would also
        // have Executed false, and is left for the next time to validate in full.
        if (cached is null && result.Executed && result.Document is { } document)
        {
            ComplexityInputs.Measure(document);
            _documents.Set(query, document, new MemoryCacheEntryOptions { Size = Math.Max(1, query.Length) });
        }
        return result;
    }

    public void Dispose() => _documents?.Dispose();
}
