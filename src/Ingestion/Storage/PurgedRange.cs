namespace HistoryGraph.Ingestion.Storage;

/// Sequences FromSequence..ToSequence, of which Events were removed by purge run RunId and the
/// others kept (see PurgeRun.EventsKept). Sequences stay gap-free in meaning: a sequence missing
/// from the events lies in a purged range.
public sealed class PurgedRange
{
    public long FromSequence { get; set; }
    public long ToSequence { get; set; }
    public long RunId { get; set; }
    public long Events { get; set; }
}
