namespace HistoryGraph.CompiledReads;

/// A page read by a compiled statement: its rows in the order asked for, whether more follow
/// in the direction read, and the total when it was selected.
public sealed record Page(List<PageRow> Rows, bool More, int? Total);
