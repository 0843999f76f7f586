using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// One entry of a changeDescription (or of a diff between two snapshots). Values are kept as the
/// JSON text that was sent: a string that holds JSON stays a string here and is decoded only
/// when presented.
public sealed record FieldChangeMessage(string Path, ChangeType ChangeType, string? OldValueJson, string? NewValueJson);
