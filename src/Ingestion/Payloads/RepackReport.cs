namespace HistoryGraph.Ingestion.Payloads;

/// What `repack-payloads` did: events read, rewritten with the dictionary, already packed with
/// it; the rewritten ones' stored size before and after.
public sealed record RepackReport(long Read, long Repacked, long AlreadyCurrent, long BytesBefore, long BytesAfter);
