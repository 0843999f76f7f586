using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Transparency;

/// One event of a log bundle: its leaf and inclusion proof, and (unless redacted) its bytes as
/// received (base64) and its rows, from which a verifier recomputes the leaf. Instants are
/// ISO 8601 with microseconds, enumerations by name, versions as written.
public sealed record BundledEvent(
    long Sequence,
    bool Redacted,
    string LeafHash,
    IReadOnlyList<string> Proof,
    string? LeafData = null,
    string? Raw = null,
    DateTime? ReceivedAt = null,
    BundledRow? Event = null,
    IReadOnlyList<BundledFieldChange>? FieldChanges = null);
