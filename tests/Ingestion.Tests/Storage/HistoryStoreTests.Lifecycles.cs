using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Tests.Storage;

// Each version's lifecycle, given when stored.
public abstract partial class HistoryStoreTests
{
    [Fact]
    public async Task versions_keep_the_lifecycle_they_leave_the_entity_in()
    {
        var id = Guid.NewGuid();
        var created = OmEvent.Created(id, $"svc.db.s.lifecycle_{id:N}");
        var softDeleted = created.Next("entitySoftDeleted").Set("deleted", true);
        var editedWhileDeleted = softDeleted.Next().Set("description", "still deleted");
        var restored = editedWhileDeleted.Next("entityRestored").Set("deleted", false);
        var edited = restored.Next().Set("description", "back");
        var hardDeleted = OmEvent.Created(Guid.NewGuid(), $"svc.db.s.gone_{id:N}");
        var gone = hardDeleted with { Id = Guid.NewGuid().ToString(), EventType = "entityDeleted", CurrentVersion = 0.2m, Timestamp = hardDeleted.Timestamp + 1000 };
        await Deliver(OmEvent.Batch(edited, restored, created, editedWhileDeleted, softDeleted, gone, hardDeleted));

        Lifecycle[] expected = [Lifecycle.Active, Lifecycle.SoftDeleted, Lifecycle.SoftDeleted, Lifecycle.Active, Lifecycle.Active];
        async Task<List<Lifecycle>> LifecyclesAsync(Guid entityId) =>
            await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == entityId).OrderBy(v => v.Version).Select(v => v.Lifecycle));
        Assert.Equal(expected, await LifecyclesAsync(id));
        Assert.Equal([Lifecycle.Active, Lifecycle.HardDeleted], await LifecyclesAsync(hardDeleted.EntityId));

    }
}
