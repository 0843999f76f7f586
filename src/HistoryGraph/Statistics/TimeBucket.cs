namespace HistoryGraph.Statistics;

public enum TimeBucket
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
}
