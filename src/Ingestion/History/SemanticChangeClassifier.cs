using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.Ingestion.History;

/// Puts a field change into its semantic version step. The rules, in order: followers, votes,
/// custom properties (`extension.*`) and column positions are NONE; descriptions and display
/// names at any depth PATCH; tags, owners, tier, domain and glossary terms MINOR; inside an
/// asset's structure (columns, schema fields, charts, tasks, ML features), removing an item or
/// a field of one, renaming an item, changing a data type or a constraint is MAJOR, and so is
/// any change to table constraints or partitioning; anything else (additions included) MINOR.
public static class SemanticChangeClassifier
{
    /// Roots under which an asset's structure lives.
    private static readonly HashSet<string> StructuralRoots =
    [
        "columns", "schemaFields", "messageSchema", "dataModel", "charts", "tasks", "mlFeatures", "fields",
        "requestSchema", "responseSchema", "dataModels",
    ];

    /// Fields of a structural item whose change breaks a reader.
    private static readonly HashSet<string> TypeFields =
    [
        "dataType", "arrayDataType", "dataTypeDisplay", "dataLength", "precision", "scale", "constraint",
    ];

    /// Roots that are constraints or partitioning as a whole.
    private static readonly HashSet<string> ConstraintRoots = ["tableConstraints", "tablePartition", "partitionColumns"];

    public static SemanticChange Classify(string path, ChangeType changeType, FieldCategory category)
    {
        var parts = FieldPath.Split(path);
        var leaf = parts[^1];
        if (category is FieldCategory.Followers or FieldCategory.CustomProperty || leaf is "votes" or "ordinalPosition")
            return SemanticChange.None;
        if (category is FieldCategory.Description or FieldCategory.DisplayName)
            return SemanticChange.Patch;
        if (category is FieldCategory.Tags or FieldCategory.Owners or FieldCategory.Tier or FieldCategory.Domain or FieldCategory.Glossary)
            return SemanticChange.Minor;
        if (ConstraintRoots.Contains(parts[0]))
            return SemanticChange.Major;
        if (StructuralRoots.Contains(parts[0]))
        {
            // Items or their fields removed (`columns`, a nested column's children as
            // `columns.<parent>`, `tasks`, a column's constraint...).
            if (changeType == ChangeType.Deleted)
                return SemanticChange.Major;
            // `columns.<name>.name`: the item itself renamed (its id stayed).
            if (leaf == "name" && parts.Count >= 3 && changeType != ChangeType.Added)
                return SemanticChange.Major;
            if (TypeFields.Contains(leaf))
                return SemanticChange.Major;
        }
        return SemanticChange.Minor;
    }

    public static bool IsBreaking(SemanticChange change) => change == SemanticChange.Major;
}
