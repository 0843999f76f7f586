using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public static class PurgedRangeQueryable
{
    public static QueryableType<PurgedRange> Declaration { get; } = new QueryableType<PurgedRange>("PurgedRange", "purgedRanges", typeof(PurgedRangeGraphType), connection: "purgedRanges")
        .Field("fromSequence", r => r.FromSequence, FieldKind.Long, "The first sequence of the range (purged).")
        .Field("toSequence", r => r.ToSequence, FieldKind.Long, "The last sequence of the range (purged).")
        .Field("run", r => r.RunId, FieldKind.Long, "The number of the purge run that removed it.")
        .Field("events", r => r.Events, FieldKind.Long, "Events removed in the range; the rest of its sequences are events kept (still readable).")
        .KeyedBy(("fromSequence", SortDirection.Asc));
}
