namespace HistoryGraph.Conventions.Projections;

/// An output field computed from its row's members alone (a global id, a value decoded from
/// its column): the resolvers compute it from the row they hold; a compiled statement reads the
/// members and computes it the same way, from a row holding just those.
public sealed record RowValue(Func<object, object?> Compute, IReadOnlyCollection<string> Members);
