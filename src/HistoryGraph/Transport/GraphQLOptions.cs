namespace HistoryGraph.Transport;

public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// Larger POST bodies are answered 413.
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// Deeper selections are refused before they run.
    public int MaxDepth { get; set; } = 15;

    /// Costlier documents are refused before they run (each field counts 1, list fields
    /// multiply what is below them by the expected page size).
    public int MaxComplexity { get; set; } = 20_000;
}
