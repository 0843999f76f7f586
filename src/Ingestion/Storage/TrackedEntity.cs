namespace HistoryGraph.Ingestion.Storage;

/// The current state of one OpenMetadata entity: set by the event with the highest
/// (version, timestamp), never by a late older one.
public sealed class TrackedEntity
{
    public Guid EntityId { get; set; }
    public required string EntityType { get; set; }
    public string? Fqn { get; set; }
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Owners { get; set; }
    public string? Tags { get; set; }
    public string? Tier { get; set; }
    /// The tag FQNs and owner names of Tags and Owners, as lists that SQL can search.
    public List<string> TagFqns { get; set; } = [];
    public List<string> OwnerNames { get; set; } = [];
    /// Who follows the entity (OpenMetadata.Followers): from snapshots that list them and from
    /// the follow and unfollow events in between.
    public List<string> FollowerNames { get; set; } = [];
    public string? Service { get; set; }
    public decimal? Version { get; set; }
    /// The event whose `entity` is the current snapshot (the latest applied event that had one).
    public long? SnapshotEventSequence { get; set; }
    public Lifecycle Lifecycle { get; set; }
    public DateTime? CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    /// Timestamp and sequence of the event the current state came from.
    public DateTime StateTimestamp { get; set; }
    public long StateEventSequence { get; set; }
}
