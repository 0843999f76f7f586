using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Blame;

/// One leaf of an entity at a version and the version that set its value.
public sealed record FieldBlame(string Path, string Field, string? Column, string ValueJson, EntityVersion SetIn);
