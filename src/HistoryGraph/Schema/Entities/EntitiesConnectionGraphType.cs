using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Entities;

public sealed class EntitiesConnectionGraphType() : ConnectionGraphType<TrackedEntity, EntityGraphType, EntitiesEdgeGraphType>("entities");
