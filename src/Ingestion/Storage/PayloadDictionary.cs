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
    /// The events it was trained on (the newest at the time, but for a fifth kept out).
    public int TrainedOnEvents { get; set; }
    /// The fifth kept out of training, as a test: their size as JSON, packed with this
    /// dictionary, and packed with Brotli, the packing used before any dictionary. A dictionary
    /// packs the events it was trained on better than any other, so only unseen ones say what
    /// it will do for the events to come.
    public int TestEvents { get; set; }
    public long TestJsonBytes { get; set; }
    public long TestPackedBytes { get; set; }
    public long TestBrotliBytes { get; set; }

    /// Packed size over JSON size on the test events: what later events are compared with to
    /// tell when the dictionary has gone stale.
    public double Ratio => TestJsonBytes == 0 ? 1 : (double)TestPackedBytes / TestJsonBytes;
    public double BrotliRatio => TestJsonBytes == 0 ? 1 : (double)TestBrotliBytes / TestJsonBytes;
}
