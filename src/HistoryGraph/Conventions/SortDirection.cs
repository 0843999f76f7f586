namespace HistoryGraph.Conventions;

public enum SortDirection
{
    Asc,
    Desc,
}
