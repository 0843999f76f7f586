using System.Net;
using HistoryGraph.Ingestion.Transparency;
using HistoryGraph.TestSupport;
using HistoryGraph.Transparency;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Transparency;

/// A server stopping signs a last checkpoint of everything it stored; after the signing key is
/// rotated, checkpoints of the old key still verify when its verifier key is trusted, and are
/// named as untrusted when it is not.
public sealed class KeyRotationTests
{
    private const string AdminKey = "rotation-admin-key";

    [Fact]
    public async Task the_shutdown_checkpoint_covers_everything_and_old_checkpoints_verify_after_a_rotation()
    {
        var (oldKey, newKey) = (NoteKey.Generate("rotation.example/log"), NoteKey.Generate("rotation.example/log"));
        var path = TestStores.NewSqlitePath();
        string[] Settings(NoteKey key, params string[] more) =>
            [$"ConnectionStrings:History=Data Source={path}", $"Admin:ApiKeys:0={AdminKey}", $"Transparency:SigningKey={key.SignerKey}", "Transparency:CheckpointEvents=1000", .. more];
        try
        {
            await using (var server = await HistoryGraphServer.StartAsync(Settings(oldKey)))
            {
                await PostgresServerFixture.WaitHealthyAsync(server);
                var table = OmEvent.Created(Guid.NewGuid(), "rotation.db.s.orders");
                Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(table.ToJson())).StatusCode);
                for (var waited = 0; !(await server.Client.GetAsync("/checkpoint")).IsSuccessStatusCode && waited < 100; waited++)
                    await Task.Delay(100);
                // The first checkpoint is made at once; the next would wait for 1,000 events or 5 minutes.
                Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(table.Next().Set("description", "a"), table.Next(minutesLater: 2).Set("description", "b")))).StatusCode);
            }

            await using (var server = await HistoryGraphServer.StartAsync(Settings(newKey, $"Transparency:TrustedKeys:0={oldKey.VerifierKey}")))
            {
                await PostgresServerFixture.WaitHealthyAsync(server);
                // The old key's last checkpoint was signed at shutdown, with the two events stored after
                // its first (the new key may already have signed the same tree: it is not asked for).
                var notes = (await server.QueryAsync("{ checkpoints(first: 10) { nodes { note } } }")).GetProperty("checkpoints").GetProperty("nodes")
                    .EnumerateArray().Select(n => n.GetProperty("note").GetString()!).ToList();
                // Both keys have the log's name: the old key's are those its verifier key opens.
                var oldSizes = notes.Select(n => { try { return IndependentLogVerifier.OpenCheckpoint(n, oldKey.VerifierKey).Size; } catch (InvalidOperationException) { return 0; } })
                    .Where(size => size > 0).ToList();
                Assert.Equal([3L, 1L], oldSizes);
                Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Created(Guid.NewGuid(), "rotation.db.s.lines").ToJson())).StatusCode);
                await server.Services.GetRequiredService<Checkpoints>().MakeIfDueAsync(force: true, CancellationToken.None);
                Assert.Equal(4, IndependentLogVerifier.OpenCheckpoint(await server.Client.GetStringAsync("/checkpoint"), newKey.VerifierKey).Size);
                // The old key's two (the first and the shutdown's), and the new key's (one at start,
                // unless the event came first, and the one just made).
                var report = (await server.AdminQueryAsync("{ verifyHistory { verified checkpointsChecked problems { kind detail } } }", AdminKey)).GetProperty("verifyHistory");
                Assert.True(report.GetProperty("verified").GetBoolean(), report.ToString());
                Assert.InRange(report.GetProperty("checkpointsChecked").GetInt32(), 3, 4);
            }

            await using (var server = await HistoryGraphServer.StartAsync(Settings(newKey)))
            {
                await PostgresServerFixture.WaitHealthyAsync(server);
                var report = (await server.AdminQueryAsync("{ verifyHistory { verified problems { kind detail } } }", AdminKey)).GetProperty("verifyHistory");
                var problems = report.GetProperty("problems").EnumerateArray().ToList();
                Assert.Equal(2, problems.Count);
                Assert.All(problems, p => Assert.Equal("CHECKPOINT_UNTRUSTED", p.GetProperty("kind").GetString()));
            }
        }
        finally
        {
            TestStores.DeleteSqlite(path);
        }
    }
}
