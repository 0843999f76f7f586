using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;

namespace HistoryGraph.Conventions.Sorting;

public sealed class SortEnumGraphType : EnumerationGraphType<SortDirection>
{
    public SortEnumGraphType()
    {
        Name = "SortEnumType";
        Description = "The direction of a sort.";
        Values["ASC"]!.Description = "Ascending: smallest, earliest or A first; nulls last.";
        Values["DESC"]!.Description = "Descending: largest, latest or Z first; nulls last.";
    }
}
