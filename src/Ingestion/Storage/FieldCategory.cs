namespace HistoryGraph.Ingestion.Storage;

/// What a field change is about, so that people can ask "every owner change last week"
/// without knowing OpenMetadata's field paths. FieldChangeClassifier decides.
public enum FieldCategory
{
    Description,
    DisplayName,
    Tags,
    Owners,
    Schema,
    Domain,
    Tier,
    Glossary,
    Followers,
    CustomProperty,
    Deletion,
    Other,
}
