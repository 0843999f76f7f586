using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.History;

/// Puts a field change into its semantic version step. The rules, in order: followers, votes,
/// custom properties (`extension.*`) and column positions are NONE; descriptions and display
/// names at any depth PATCH; tags, owners, tier, domain and glossary terms MINOR; any change to
/// table constraints or partitioning MAJOR; inside an asset's structure (columns, schema fields,
/// charts, tasks, ML features), removing an item or a field of one, renaming an item (its
/// `name` updated, the id kept), changing a data type or a constraint MAJOR; anything else,
/// additions included, MINOR. The rules read only the path's first part, the stored field
/// (the path's last part), the category and the change type, so that the store's migration can
/// apply the same rules to rows stored before them (SqlCase).
public static class SemanticChangeClassifier
{
    private static readonly string[] NoneFields = ["votes", "ordinalPosition"];
    private static readonly FieldCategory[] NoneCategories = [FieldCategory.Followers, FieldCategory.CustomProperty];
    private static readonly FieldCategory[] PatchCategories = [FieldCategory.Description, FieldCategory.DisplayName];
    private static readonly FieldCategory[] MinorCategories =
        [FieldCategory.Tags, FieldCategory.Owners, FieldCategory.Tier, FieldCategory.Domain, FieldCategory.Glossary];

    /// Roots that are constraints or partitioning as a whole.
    private static readonly string[] ConstraintRoots = ["tableConstraints", "tablePartition", "partitionColumns"];

    /// Roots under which an asset's structure lives.
    private static readonly string[] StructuralRoots =
    [
        "columns", "schemaFields", "messageSchema", "dataModel", "charts", "tasks", "mlFeatures", "fields",
        "requestSchema", "responseSchema", "dataModels",
    ];

    /// Fields of a structural item whose change breaks a reader.
    private static readonly string[] TypeFields =
        ["dataType", "arrayDataType", "dataTypeDisplay", "dataLength", "precision", "scale", "constraint"];

    public static SemanticChange Classify(string path, ChangeType changeType, FieldClassification classification)
    {
        var (field, category) = (classification.Field, classification.Category);
        if (NoneCategories.Contains(category) || NoneFields.Contains(field))
            return SemanticChange.None;
        if (PatchCategories.Contains(category))
            return SemanticChange.Patch;
        if (MinorCategories.Contains(category))
            return SemanticChange.Minor;
        var root = FieldPath.Split(path)[0];
        if (ConstraintRoots.Contains(root))
            return SemanticChange.Major;
        if (StructuralRoots.Contains(root) && (changeType == ChangeType.Deleted || TypeFields.Contains(field) || (field == "name" && changeType != ChangeType.Added)))
            return SemanticChange.Major;
        return SemanticChange.Minor;
    }

    /// An event's step: the most significant of its changes; without changes a create or a
    /// hard delete is MINOR (an asset added or gone, not its schema changed), anything else NONE.
    public static SemanticChange OfEvent(string eventType, IEnumerable<SemanticChange> changes) =>
        changes.DefaultIfEmpty(CreatesOrRemoves(eventType) ? SemanticChange.Minor : SemanticChange.None).Max();

    private static bool CreatesOrRemoves(string eventType) => eventType is EventTypes.EntityCreated or EventTypes.EntityDeleted;

    public static bool IsBreaking(SemanticChange change) => change == SemanticChange.Major;

    /// The same rules as Classify, as an SQL expression over a field_changes row (PostgreSQL and
    /// SQLite alike), with categories and change types as the store spells them (textSpelling).
    public static string SqlCase(Func<string, string> textSpelling)
    {
        string List(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
        string Categories(IEnumerable<FieldCategory> categories) => List(categories.Select(c => textSpelling(c.ToString())));
        // The path's first part is `root` when the path is `root` or starts with `root.`; a quoted
        // first part starts with a quote, so it is never one of these names.
        string Roots(IEnumerable<string> roots) => "(" + string.Join(" OR ", roots.Select(r => $"path = '{r}' OR substr(path, 1, {r.Length + 1}) = '{r}.'")) + ")";
        string Step(SemanticChange step) => ((int)step).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var deleted = textSpelling(nameof(ChangeType.Deleted));
        var added = textSpelling(nameof(ChangeType.Added));
        return $"""
            CASE
              WHEN category IN ({Categories(NoneCategories)}) OR field IN ({List(NoneFields)}) THEN {Step(SemanticChange.None)}
              WHEN category IN ({Categories(PatchCategories)}) THEN {Step(SemanticChange.Patch)}
              WHEN category IN ({Categories(MinorCategories)}) THEN {Step(SemanticChange.Minor)}
              WHEN {Roots(ConstraintRoots)} THEN {Step(SemanticChange.Major)}
              WHEN {Roots(StructuralRoots)} AND (change_type = '{deleted}' OR field IN ({List(TypeFields)}) OR (field = 'name' AND change_type <> '{added}')) THEN {Step(SemanticChange.Major)}
              ELSE {Step(SemanticChange.Minor)}
            END
            """;
    }

    /// OfEvent as SQL over a change_events row.
    public static string SqlOfEvent() =>
        $"COALESCE((SELECT MAX(f.semantic_change) FROM field_changes f WHERE f.event_sequence = change_events.sequence), " +
        $"CASE WHEN event_type IN ('{EventTypes.EntityCreated}', '{EventTypes.EntityDeleted}') THEN {(int)SemanticChange.Minor} ELSE {(int)SemanticChange.None} END)";
}
