using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Entities;

public sealed class EntityFilterInputGraphType() : FilterInputGraphType<TrackedEntity>(EntityQueryable.Declaration);
