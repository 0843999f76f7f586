namespace HistoryGraph.Conventions.Declarations;

public enum SortDirection
{
    Asc,
    Desc,
}
