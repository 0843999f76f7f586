namespace HistoryGraph.Ingestion.Storage;

/// Hashes of one tile of the transparency log (see Transparency.Tiles): consecutive hashes of
/// one kept tree level, 32 bytes each, from position Offset of tile Index at tile level Level
/// (0 holds every event's leaf hash, at index sequence - 1). A full tile is one row at offset 0
/// that never changes. The tile still filling is the rows its groups of events added, one each,
/// so that no commit rewrites what an earlier one wrote; the group that fills it replaces them
/// with the full row. Purge leaves tiles alone, so a purged event's leaf stays provable.
public sealed class LogTile
{
    public short Level { get; set; }
    public long Index { get; set; }
    public short Offset { get; set; }
    public required byte[] Hashes { get; set; }
}
