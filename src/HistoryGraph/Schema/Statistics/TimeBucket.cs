namespace HistoryGraph.Schema.Statistics;

public enum TimeBucket
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
}
