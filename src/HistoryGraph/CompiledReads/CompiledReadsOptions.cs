namespace HistoryGraph.CompiledReads;

/// On PostgreSQL a query whose fields the declarations describe is compiled to one SQL
/// statement per root field (CompiledReader); off, every query runs through the resolvers.
public sealed class CompiledReadsOptions
{
    public const string Section = "GraphQL:CompiledReads";

    public bool Enabled { get; set; } = true;
}
