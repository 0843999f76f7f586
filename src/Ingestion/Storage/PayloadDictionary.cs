namespace HistoryGraph.Ingestion.Storage;

/// A zstd dictionary trained on this store's own events, which packs the events after it
/// (PayloadCodec). Kept for good: every payload packed with it names it by Key, so it is
/// never changed or deleted while such a payload exists.
public sealed class PayloadDictionary
{
    /// The first 8 bytes of the SHA-256 of Content: the same dictionary has the same key in
    /// every store and process, so a key read from a payload can never mean another one.
    public long Key { get; set; }
    public required byte[] Content { get; set; }
    public DateTime TrainedAt { get; set; }
    /// The events it was trained on (the newest at the time), their size as JSON, and their
    /// size packed with it and with Brotli, the packing used before any dictionary.
    public int SampleEvents { get; set; }
    public long SampleBytes { get; set; }
    public long PackedBytes { get; set; }
    public long BrotliBytes { get; set; }

    /// Packed size over JSON size on the samples: what the dictionary achieved when trained,
    /// against which later events are compared to tell when it has gone stale.
    public double Ratio => SampleBytes == 0 ? 1 : (double)PackedBytes / SampleBytes;
}
