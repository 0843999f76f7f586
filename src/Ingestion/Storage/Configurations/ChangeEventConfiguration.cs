using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> builder)
    {
        builder.ToTable("change_events");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.HasIndex(e => e.EventKey).IsUnique();
        // Every index costs each stored event an entry: only the hot paths have one. An
        // entity's events; time order (the sequence completes it, so that a cursor is an index
        // bound); fqn equality and prefixes, with the time so that a prefix's events in a window
        // are found in the index, not by reading every event under the prefix; a user's changes
        // over time. Event types are few: filtering on one walks the order's own index.
        builder.HasIndex(e => new { e.EntityId, e.Sequence });
        // The time order also carries who made each event and what it was about, so that a
        // window's rankings (topUsers, topEntities: a dashboard's first view) are counted in
        // the index without reading the events' rows (a quarter of the time on SQLite).
        builder.HasIndex(e => new { e.Timestamp, e.Sequence, e.UserName, e.ImpersonatedBy, e.EntityId, e.EventType }, "ix_change_events_timestamp_sequence");
        builder.HasIndex(e => new { e.EntityFqn, e.Timestamp });
        builder.HasIndex(e => new { e.UserName, e.Timestamp });
        // Few events are made by an agent for someone: only theirs are indexed (User.changesOnBehalf).
        builder.HasIndex(e => new { e.ImpersonatedBy, e.Timestamp }).HasFilter("impersonated_by IS NOT NULL");
        builder.Property(e => e.SemanticChange).StoredAsRank();
        builder.Property(e => e.Origin).StoredAsText().HasDefaultValue(EventOrigin.Webhook).HasSentinel(EventOrigin.Webhook);
        builder.HasIndex(e => new { e.Timestamp, e.Sequence }, "ix_change_events_breaking").HasFilter(ModelBuilding.IsBreaking);
    }
}
