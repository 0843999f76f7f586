namespace HistoryGraph.Conventions.Filtering;

/// Bounds on a `where:` argument, checked before any expression is built: a filter's cost in
/// translation and in the database grows with its size, and an unbounded one (thousands of
/// `or` items, deep `and` nesting) could exhaust the stack of the query translator.
public sealed class FilterOptions
{
    public const string Section = "GraphQL:Filter";

    /// Conditions in one filter: every operation on a field (`eq`, `in`, `some`...) and every
    /// `and`/`or` item counts one.
    public int MaxConditions { get; set; } = 200;

    /// Nesting of input objects: `and`/`or` items, nested object filters, operation inputs.
    public int MaxDepth { get; set; } = 10;

    /// Values in one `in`/`nin` list.
    public int MaxListValues { get; set; } = 500;
}
