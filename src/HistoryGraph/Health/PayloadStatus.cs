namespace HistoryGraph.Health;

/// How this instance packs new events' payloads: "dictionary" (Dictionary: its key as 16 hex
/// digits; Ratio: packed size over JSON size on the events kept out of its training) or
/// "brotli" (no dictionary yet, or dictionaries switched off).
public sealed record PayloadStatus(string Packing, string? Dictionary, double? Ratio);
