namespace HistoryGraph.Ingestion.OpenMetadata;

public enum SignatureCheck
{
    Valid,
    Missing,
    /// Not `sha256=` followed by Base64 of 32 bytes (a hex digest lands here).
    Malformed,
    Mismatch,
}
