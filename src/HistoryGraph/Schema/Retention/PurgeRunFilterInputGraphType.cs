using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgeRunFilterInputGraphType() : FilterInputGraphType<PurgeRun>(PurgeRunQueryable.Declaration);
