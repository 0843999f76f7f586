namespace HistoryGraph.Ingestion.OpenMetadata;

/// The `entity` of a ChangeEvent: the full entity JSON plus the fields the store indexes.
public sealed record EntitySnapshot(
    string Json,
    Guid? Id,
    string? Fqn,
    string? Name,
    string? DisplayName,
    string? Description,
    string? OwnersJson,
    string? TagsJson,
    string? Tier,
    string? Service,
    decimal? Version,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    string? ImpersonatedBy,
    bool? Deleted,
    bool? IsBot,
    IReadOnlyList<string> TagFqns,
    IReadOnlyList<string> OwnerNames,
    /// Null when the snapshot does not carry `followers` (Followers.Listed).
    IReadOnlyList<string>? FollowerNames);
