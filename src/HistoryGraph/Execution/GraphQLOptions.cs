namespace HistoryGraph.Execution;

/// Limits of a GraphQL request. Every one is checked before the request runs (the timeout
/// while it runs), so that no document, however written, costs more than they allow.
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// Larger POST bodies are answered 413.
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// Deeper selections are refused before they run.
    public int MaxDepth { get; set; } = 15;

    /// Costlier documents are refused before they run (each field counts 1, introspection
    /// fields too; list fields multiply what is below them by the expected page size).
    public int MaxComplexity { get; set; } = 20_000;

    /// Lexical tokens in a document (names, punctuation, literals), counted before parsing.
    public int MaxTokens { get; set; } = 10_000;

    /// Syntax nesting the parser accepts (selections, arguments, list and object literals).
    public int MaxParserDepth { get; set; } = 96;

    /// Field selections with every fragment expanded where it is spread.
    public int MaxFields { get; set; } = 1_000;

    /// Aliased fields with every fragment expanded.
    public int MaxAliases { get; set; } = 100;

    /// Fragment spreads with every fragment expanded.
    public int MaxFragmentSpreads { get; set; } = 500;

    /// Total length of the validated documents kept for reuse (least recently used go first);
    /// 0 turns the cache off. A parsed document takes about ten times its text in memory, so
    /// the default (some 500 dashboard-sized documents) holds a few megabytes.
    public long DocumentCacheChars { get; set; } = 256 * 1024;

    /// A query still running after this is stopped (database commands included) and answered
    /// with an EXECUTION_TIMEOUT error.
    public double ExecutionTimeoutSeconds { get; set; } = 30;

    /// The same for a mutation: admin operations that wait on OpenMetadata (a restore, with its
    /// retries) or work through the store (a backfill, a purge) take longer than a query may.
    public double MutationTimeoutSeconds { get; set; } = 900;
}
