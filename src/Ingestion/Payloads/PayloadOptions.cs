namespace HistoryGraph.Ingestion.Payloads;

public sealed class PayloadOptions
{
    public const string Section = "Payloads";

    /// Train zstd dictionaries on the store's own events and pack new events with them;
    /// off, every event is packed with Brotli on its own.
    public bool TrainDictionaries { get; set; } = true;

    /// Events packed before the first dictionary is trained, and between two looks at
    /// whether the current one has gone stale.
    public int TrainAfterEvents { get; set; } = 2000;

    /// The newest events a dictionary is trained on, a fifth of them kept out to test it (at
    /// most 32 MB of their JSON).
    public int SampleEvents { get; set; } = 2000;

    /// The dictionary's size: 32 KB holds what OpenMetadata's events share; a larger one
    /// gains little (bench/README.md).
    public int DictionaryBytes { get; set; } = 32 * 1024;

    /// A new dictionary is trained when events pack this many times larger than the current
    /// one packed the events kept out of its training (the catalog's shape has changed: new
    /// entity types, new fields).
    public double RetrainWhenLarger { get; set; } = 1.25;

    /// Events packed with a dictionary before it is judged stale at all: bounds the training
    /// (about 1.5 s of CPU for 2,000 events) to once per this many events, whatever the mix.
    public int RetrainAfterEvents { get; set; } = 50_000;

    public double CheckIntervalSeconds { get; set; } = 2;
}
