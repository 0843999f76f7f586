using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Restores;

public sealed class RestoreAttemptFilterInputGraphType() : FilterInputGraphType<RestoreAttempt>(RestoreAttemptQueryable.Declaration);
