using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgedRangeGraphType : ObjectGraphType<PurgedRange>
{
    public PurgedRangeGraphType()
    {
        Name = "PurgedRange";
        Description = "Sequences whose events retention removed: a sequence missing from `events` lies in one of these.";
        this.ColumnsOf(PurgedRangeQueryable.Declaration);
    }
}
