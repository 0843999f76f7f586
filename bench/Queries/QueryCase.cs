namespace HistoryGraph.Bench.Queries;

/// One question asked of all three: HistoryGraph's GraphQL, PostGraphile's GraphQL for the same
/// answer on the same tables, and the SQL a hand-written client would send (the floor). Each
/// parameter set holds the values for all three; requests take the sets in turn. The history
/// answers (diffs, time travel, statistics) have no peer and no single statement: HistoryGraph alone.
public sealed record QueryCase(string Name, string Title, int Connections, string HistoryGraph, string? PostGraphile, string? Sql, IReadOnlyList<QueryParameters> Sets);

public sealed record QueryParameters(IReadOnlyDictionary<string, object?> HistoryGraph, IReadOnlyDictionary<string, object?> PostGraphile, object?[] Sql);
