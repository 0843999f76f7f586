namespace HistoryGraph.Ingestion.Storage;

/// One tile of the transparency log's hashes (see Transparency.Tiles): up to 256 consecutive
/// hashes of one kept tree level, concatenated, 32 bytes each. Level is the tile level (0 holds
/// every event's leaf hash, at index sequence - 1). Tiles fill from the left; the last tile of a
/// level grows as events are stored, every other one is full and never changes. Purge leaves
/// tiles alone, so a purged event's leaf stays provable.
public sealed class LogTile
{
    public short Level { get; set; }
    public long Index { get; set; }
    public required byte[] Hashes { get; set; }
}
