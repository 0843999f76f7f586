using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Access;

/// A key just made: the stored row, the key's text (shown once), and for a rotation the key it replaces.
public sealed record CreatedApiKey(ApiKey Row, string Key, ApiKey? Replaced = null);
