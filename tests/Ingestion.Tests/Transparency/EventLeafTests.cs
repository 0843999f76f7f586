using System.Security.Cryptography;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Ingestion.Tests.Transparency;

/// The bytes an event's leaf covers: as documented (built here by hand), changed by any edit of
/// its rows, and unchanged by what the stores cannot tell apart (a decimal's trailing zeros,
/// ticks below a microsecond, the order field changes are listed in).
public sealed class EventLeafTests
{
    [Fact]
    public void the_leaf_data_is_the_documented_fields()
    {
        var receivedAt = new DateTime(2026, 12, 4, 9, 30, 0, DateTimeKind.Utc).AddTicks(1_234_567);
        var (raw, rows) = (SHA256.HashData("raw"u8), SHA256.HashData("rows"u8));
        byte[] expected =
        [
            0, 0, 0, 1, 0x01,
            0, 0, 0, 8, .. BitConverter.GetBytes(42L).Reverse(),
            0, 0, 0, 8, .. BitConverter.GetBytes((receivedAt.Ticks - DateTime.UnixEpoch.Ticks) / 10).Reverse(),
            0, 0, 0, 32, .. raw,
            0, 0, 0, 32, .. rows,
        ];
        Assert.Equal(expected, EventLeaf.Data(42, receivedAt, raw, rows));
        Assert.Equal(SHA256.HashData([0x00, .. expected]), MerkleHashes.Leaf(EventLeaf.Data(42, receivedAt, raw, rows)));
        // Ticks below a microsecond are not part of it: PostgreSQL does not keep them.
        Assert.Equal(expected, EventLeaf.Data(42, EventLeaf.ToMicroseconds(receivedAt), raw, rows));
    }

    [Fact]
    public void any_edit_of_the_rows_changes_the_hash()
    {
        var original = EventLeaf.RowsHash(Event(), Changes());
        var edits = new (string What, Action<ChangeEvent, List<FieldChange>> Edit)[]
        {
            ("event key", (e, _) => e.EventKey = "other"),
            ("event id", (e, _) => e.EventId = null),
            ("event type", (e, _) => e.EventType = "entityDeleted"),
            ("entity id", (e, _) => e.EntityId = Guid.NewGuid()),
            ("fqn", (e, _) => e.EntityFqn = "shop.orders2"),
            ("user", (e, _) => e.UserName = "mallory"),
            ("agent", (e, _) => e.ImpersonatedBy = "mcp-agent"),
            ("timestamp", (e, _) => e.Timestamp = e.Timestamp.AddMilliseconds(1)),
            ("previous version", (e, _) => e.PreviousVersion = 0.3m),
            ("current version", (e, _) => e.CurrentVersion = 1.2m),
            ("semantic change", (e, _) => e.SemanticChange = SemanticChange.Major),
            ("origin", (e, _) => e.Origin = EventOrigin.Backfill),
            ("a change's new value", (_, c) => c[0].NewValue = "\"Edited\""),
            ("a change's old value, null to empty", (_, c) => c[1].OldValue = ""),
            ("a change's path", (_, c) => c[1].Path = "tags"),
            ("a change's category", (_, c) => c[0].Category = FieldCategory.Tags),
            ("a change's user", (_, c) => c[0].ChangedBy = "mallory"),
            ("a change derived", (_, c) => c[0].Derived = true),
            ("a change removed", (_, c) => c.RemoveAt(1)),
            ("a change added", (_, c) => c.Add(Change(2, "displayName", null, "\"Orders\"", FieldCategory.DisplayName))),
            ("the changes' ordinals swapped", (_, c) => (c[0].Ordinal, c[1].Ordinal) = (c[1].Ordinal, c[0].Ordinal)),
        };
        foreach (var (what, edit) in edits)
        {
            var (e, c) = (Event(), Changes());
            edit(e, c);
            Assert.False(original.AsSpan().SequenceEqual(EventLeaf.RowsHash(e, c)), $"{what} left the hash as it was");
        }
    }

    [Fact]
    public void what_the_stores_cannot_tell_apart_does_not_change_it()
    {
        var original = EventLeaf.RowsHash(Event(), Changes());
        var e = Event();
        (e.PreviousVersion, e.CurrentVersion) = (0.10m, 0.20m); // SQLite keeps decimals as text
        var listed = Changes();
        listed.Reverse();
        Assert.Equal(original, EventLeaf.RowsHash(e, listed));
    }

    private static ChangeEvent Event() => new()
    {
        EventKey = "7f6a4cbe-0e0e-4b7e-9a39-2d2f4b5f0c11",
        EventId = Guid.Parse("7f6a4cbe-0e0e-4b7e-9a39-2d2f4b5f0c11"),
        EventType = "entityUpdated",
        EntityType = "table",
        EntityId = Guid.Parse("0b5f8e8e-97a2-4a55-8d1e-6f1a9a6c2b10"),
        EntityFqn = "shop.orders",
        UserName = "alice",
        Timestamp = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
        PreviousVersion = 0.1m,
        CurrentVersion = 0.2m,
        SemanticChange = SemanticChange.Patch,
        Origin = EventOrigin.Webhook,
        Payload = [],
    };

    private static List<FieldChange> Changes() =>
    [
        Change(0, "description", "\"Orders\"", "\"All orders\"", FieldCategory.Description),
        Change(1, "columns.id.tags", null, "[{\"tagFQN\":\"PII.Sensitive\"}]", FieldCategory.Tags),
    ];

    private static FieldChange Change(int ordinal, string path, string? old, string? value, FieldCategory category) => new()
    {
        EventSequence = 42,
        Ordinal = ordinal,
        EntityId = Guid.Parse("0b5f8e8e-97a2-4a55-8d1e-6f1a9a6c2b10"),
        EntityType = "table",
        EntityFqn = "shop.orders",
        Path = path,
        Field = path.Split('.')[0],
        Category = category,
        ChangeType = old is null ? ChangeType.Added : ChangeType.Updated,
        OldValue = old,
        NewValue = value,
        ChangedAt = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
        ChangedBy = "alice",
        Version = 0.2m,
        SemanticChange = SemanticChange.Patch,
    };
}
