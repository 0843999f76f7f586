namespace HistoryGraph.Conventions.Paging;

/// Relay paging arguments: first/after pages forwards, last/before backwards.
public sealed record PageRequest(int? First, string? After, int? Last, string? Before);
