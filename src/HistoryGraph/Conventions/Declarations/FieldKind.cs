namespace HistoryGraph.Conventions.Declarations;

/// The scalar family of a queryable field: decides its filter operations and cursor encoding.
public enum FieldKind
{
    String,
    Long,
    Decimal,
    DateTime,
    Uuid,
    Boolean,
    Enum,
    /// A list of strings: filtered with some, all, none and any; not sortable.
    StringList,
    /// A related object, filtered with its own filter input.
    Relation,
}
