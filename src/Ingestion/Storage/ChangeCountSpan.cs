namespace HistoryGraph.Ingestion.Storage;

/// The length of time one change count covers, always starting on a whole span in UTC. Quarter
/// hours make every time zone's hours, days, weeks and months whole (every zone's offset is a
/// whole number of quarter hours); UTC days let a long range be read as few rows, with the hours
/// or quarters between UTC midnight and the zone's midnight added or taken away at each end.
public enum ChangeCountSpan
{
    Quarter,
    Hour,
    Day,
}
