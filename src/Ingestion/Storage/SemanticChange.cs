namespace HistoryGraph.Ingestion.Storage;

/// How a change affects whoever uses the asset, as semantic versioning puts it (ordered: a
/// version is as significant as its most significant change). SemanticChangeClassifier decides.
public enum SemanticChange
{
    /// Followers, votes, custom properties, column positions: nothing a user of the asset sees.
    None,
    /// Documentation: descriptions and display names.
    Patch,
    /// Additions and classification: new columns, tags, owners, glossary terms, tier, domain.
    Minor,
    /// Backward-incompatible: a column, schema field, chart, task or feature removed or renamed,
    /// a data type, constraint or partitioning changed.
    Major,
}
