namespace HistoryGraph.Export;

public enum ExportFormat
{
    /// RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted, CRLF line ends, a header line.
    Csv,
    /// One JSON object per line.
    Ndjson,
}
