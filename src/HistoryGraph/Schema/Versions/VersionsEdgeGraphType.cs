using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Versions;

public sealed class VersionsEdgeGraphType() : EdgeGraphType<EntityVersion, EntityVersionGraphType>("versions");
