using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Versions;

public sealed class VersionsConnectionGraphType() : ConnectionGraphType<EntityVersion, EntityVersionGraphType, VersionsEdgeGraphType>("versions");
