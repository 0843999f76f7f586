namespace HistoryGraph.Transport;

public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// Larger POST bodies are answered 413.
    public long MaxRequestBytes { get; set; } = 1024 * 1024;
}
