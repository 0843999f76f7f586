namespace HistoryGraph.Statistics;

/// The events of a bucket with one value of each dimension grouped by. Keys holds one value
/// per dimension, in the order asked for (null for none); Key is them joined with " / ".
public sealed record ChangeStatsGroupCount(IReadOnlyList<string?> Keys, long Count)
{
    public string? Key => Keys.Count == 1 ? Keys[0] : string.Join(" / ", Keys.Select(k => k ?? ""));
}
