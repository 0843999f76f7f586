using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Versions;

public sealed class EntityVersionFilterInputGraphType() : FilterInputGraphType<EntityVersion>(EntityVersionQueryable.Declaration);
