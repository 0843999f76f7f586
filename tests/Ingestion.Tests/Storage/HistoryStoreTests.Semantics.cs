using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Tests.Storage;

// Semantic steps: given when stored, and given by the migration to rows stored before.
public abstract partial class HistoryStoreTests
{
    [Fact]
    public async Task every_field_change_event_and_version_is_stored_with_its_semantic_step()
    {
        var id = Guid.NewGuid();
        var created = OmEvent.Created(id, $"svc.db.s.semantic_{id:N}");
        var documented = created.Next().Set("description", "Orders");
        var broken = documented.Next(step: 1.0m)
            .Change("fieldsDeleted", "columns", null, JsonValue.Create("""[{"name":"legacy","dataType":"INT"}]"""))
            .Change("fieldsAdded", "columns.id.tags", null, JsonValue.Create("""[{"tagFQN":"PII.Sensitive"}]"""));
        var followed = broken.Next(step: 0m) with { Entity = null };
        followed = followed.Change("fieldsAdded", "followers", null, JsonValue.Create("""[{"id":"u1","type":"user"}]"""));
        foreach (var e in new[] { created, documented, broken, followed })
            await Deliver(e);

        var events = await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == id).OrderBy(e => e.Sequence).Select(e => e.SemanticChange));
        Assert.Equal([SemanticChange.Minor, SemanticChange.Patch, SemanticChange.Major, SemanticChange.None], events);
        var changes = await QueryAsync(db => db.FieldChanges.Where(f => f.EntityId == id).OrderBy(f => f.EventSequence).ThenBy(f => f.Ordinal).Select(f => new { f.Path, f.SemanticChange }));
        Assert.Equal(
            [("description", SemanticChange.Patch), ("columns.id.tags", SemanticChange.Minor), ("columns", SemanticChange.Major), ("followers", SemanticChange.None)],
            changes.Select(c => (c.Path, c.SemanticChange)));
        var versions = await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == id).OrderBy(v => v.Version).Select(v => v.SemanticChange));
        Assert.Equal([SemanticChange.Minor, SemanticChange.Patch, SemanticChange.Major], versions);
    }

    [Fact]
    public async Task a_version_merged_from_several_events_takes_the_step_of_the_latest()
    {
        var id = Guid.NewGuid();
        var created = OmEvent.Created(id, $"svc.db.s.merged_step_{id:N}");
        var first = created.Next().Change("fieldsDeleted", "columns", null, JsonValue.Create("""[{"name":"a"}]"""));
        var later = first with { Id = Guid.NewGuid().ToString(), Timestamp = first.Timestamp + 10_000, Changes = [] };
        later = later.Set("description", "merged");
        // The later event first: the earlier one must not take the version back.
        await Deliver(OmEvent.Batch(created, later));
        await Deliver(first);
        var version = (await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == id && v.Version == 0.2m))).Single();
        Assert.Equal(SemanticChange.Patch, version.SemanticChange);
    }

    public static TheoryData<string, ChangeType, string> RuleCases => new()
    {
        { "followers", ChangeType.Added, "table" },
        { "votes", ChangeType.Updated, "table" },
        { "extension.costCenter", ChangeType.Updated, "table" },
        { "columns.id.ordinalPosition", ChangeType.Updated, "table" },
        { "description", ChangeType.Updated, "table" },
        { "columns.\"a.b\".displayName", ChangeType.Added, "table" },
        { "tags", ChangeType.Deleted, "table" },
        { "owners", ChangeType.Added, "table" },
        { "domain", ChangeType.Updated, "table" },
        { "synonyms", ChangeType.Added, "glossaryTerm" },
        { "tableConstraints", ChangeType.Added, "table" },
        { "tablePartition", ChangeType.Updated, "table" },
        { "columns", ChangeType.Deleted, "table" },
        { "columns", ChangeType.Added, "table" },
        { "columns.address", ChangeType.Deleted, "table" },
        { "columns.id.dataType", ChangeType.Updated, "table" },
        { "columns.\"a.b\".constraint", ChangeType.Deleted, "table" },
        { "columns.old.name", ChangeType.Updated, "table" },
        { "columns.dataType", ChangeType.Added, "table" },
        { "messageSchema.schemaFields", ChangeType.Deleted, "topic" },
        { "charts", ChangeType.Deleted, "dashboard" },
        { "tasks.load.name", ChangeType.Updated, "pipeline" },
        { "tasks", ChangeType.Added, "pipeline" },
        { "\"columns.x\".dataType", ChangeType.Updated, "table" },
        { "columnsExtra.dataType", ChangeType.Updated, "table" },
        { "deleted", ChangeType.Updated, "table" },
        { "retentionPeriod", ChangeType.Updated, "table" },
    };

    [Fact]
    public async Task every_rule_case_gives_its_event_and_version_the_step_of_the_most_significant_change()
    {
        var id = Guid.NewGuid();
        var cases = RuleCases.Select(c => ((string)c[0], (ChangeType)c[1], (string)c[2])).ToList();
        var created = OmEvent.Created(id, $"svc.db.s.rules_{id:N}");
        var updated = created.Next();
        foreach (var (path, changeType, _) in cases)
            updated = updated.Change(changeType switch { ChangeType.Added => "fieldsAdded", ChangeType.Deleted => "fieldsDeleted", _ => "fieldsUpdated" },
                path, changeType == ChangeType.Added ? null : JsonValue.Create("1"), changeType == ChangeType.Deleted ? null : JsonValue.Create("2"));
        var quiet = updated.Next();
        await Deliver(OmEvent.Batch(created, updated, quiet));

        await using var db = _session.Db();
        // The update holds every rule case, among them a MAJOR one: its event and version take that step.
        var events = await db.ChangeEvents.Where(e => e.EntityId == id).OrderBy(e => e.Sequence).Select(e => e.SemanticChange).ToListAsync();
        Assert.Equal([SemanticChange.Minor, SemanticChange.Major, SemanticChange.None], events);

        Assert.Equal([SemanticChange.Minor, SemanticChange.Major, SemanticChange.None],
            await db.EntityVersions.Where(v => v.EntityId == id).OrderBy(v => v.Version).Select(v => v.SemanticChange).ToListAsync());
    }
}
