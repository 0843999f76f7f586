using System.Text.Json;

namespace HistoryGraph.Statistics;

/// What cuts and counts change statistics, as the `changeStats` query and subscription take it:
/// the bucket, the time zone of its calendar, the events counted and the groups.
public sealed record ChangeStatsArguments(TimeBucket Bucket, TimeZoneInfo Zone, IDictionary<string, object?>? Where, IReadOnlyList<ChangeStatsGroup> GroupBy)
{
    /// The same for equal arguments: live subscriptions that share it share one count.
    public string Key { get; } = string.Join('\n', Bucket, Zone.Id, string.Join(',', GroupBy), Where is null ? "" : JsonSerializer.Serialize(Where));
}
