namespace HistoryGraph.Ingestion.Payloads;

/// Events packed over a period, their JSON size and their packed size.
public readonly record struct PackingTally(long Events, long JsonBytes, long PackedBytes)
{
    public double Ratio => JsonBytes == 0 ? 1 : (double)PackedBytes / JsonBytes;

    public static PackingTally operator +(PackingTally a, PackingTally b) =>
        new(a.Events + b.Events, a.JsonBytes + b.JsonBytes, a.PackedBytes + b.PackedBytes);
}
