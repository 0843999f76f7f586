namespace HistoryGraph.CompiledReads;

/// What a field of a compiled response writes.
public enum OutputKind
{
    Nodes,
    Edges,
    Node,
    Cursor,
    PageInfo,
    HasNextPage,
    HasPreviousPage,
    StartCursor,
    EndCursor,
    TotalCount,
    TypeName,
    /// A declared column of the row, through its scalar's serialization.
    Column,
    /// A field computed from the row's members (ConnectionPlan.Compute), through its scalar.
    Computed,
    /// A connection under each row.
    Connection,
}
