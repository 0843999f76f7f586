using HistoryGraph.Ingestion.Storage;
namespace HistoryGraph.Ingestion.History;

/// Field is the last part of the path; Column is set when the path points into a column
/// (nested columns are joined with '.', a dotted name quoted).
public sealed record FieldClassification(FieldCategory Category, string Field, string? Column);
