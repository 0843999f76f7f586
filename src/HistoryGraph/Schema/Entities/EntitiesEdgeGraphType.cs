using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Entities;

public sealed class EntitiesEdgeGraphType() : EdgeGraphType<TrackedEntity, EntityGraphType>("entities");
