namespace HistoryGraph.Conventions;

public sealed record Edge<TRow>(string Cursor, TRow Node);
