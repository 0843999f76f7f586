namespace HistoryGraph.CompiledReads;

/// A row of a compiled page: its selected columns and sort values (as the row's members hold
/// them) and the page of each connection under it.
public sealed record PageRow(object?[] Columns, object?[] Keys, Page[] Children);
