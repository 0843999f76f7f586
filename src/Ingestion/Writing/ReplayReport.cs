namespace HistoryGraph.Ingestion.Writing;

public sealed record ReplayReport(int Replayed, int StillRejected, int EventsStored, int Duplicates);
