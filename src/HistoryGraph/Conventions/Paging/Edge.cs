namespace HistoryGraph.Conventions.Paging;

/// An item with its cursor. The cursor is encoded when first asked for: most queries select the
/// nodes alone, and a page of 50 entities with 5 versions each would otherwise encode 300.
public sealed class Edge<TRow>(TRow node, Func<TRow, string> encode)
{
    private string? _cursor;

    public TRow Node { get; } = node;
    public string Cursor => _cursor ??= encode(Node);
}
