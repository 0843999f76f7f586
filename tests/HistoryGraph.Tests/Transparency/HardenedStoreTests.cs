using System.Net;
using HistoryGraph.Hosting;
using HistoryGraph.TestSupport;
using Npgsql;

namespace HistoryGraph.Tests.Transparency;

/// deploy/postgres/harden.sql as the operator runs it: the server connects as a role that can add
/// history but not change or remove it, stores and serves as usual, and purges only through
/// historygraph_purge, which refuses events younger than the owner's policy and records each call.
public sealed class HardenedStoreTests
{
    private const string AdminKey = "hardened-admin-key";

    [Fact]
    public async Task the_servers_role_adds_history_but_cannot_change_it_and_purges_only_through_the_function()
    {
        var postgres = await PostgresServer.SharedAsync();
        var owner = await postgres.CreateDatabaseAsync("hardened");
        var role = $"hg_app_{Guid.NewGuid():N}"[..24];
        Assert.Equal(0, await MaintenanceCommands.RunAsync(["migrate", $"--ConnectionStrings:History={owner}", "--Serilog:MinimumLevel:Default=Warning"]));
        var script = (await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "postgres", "harden.sql"))).Replace("historygraph_app", role);
        await ExecuteAsync(owner, $"CREATE ROLE {role} LOGIN; GRANT CONNECT ON DATABASE \"{new NpgsqlConnectionStringBuilder(owner).Database}\" TO {role};");
        await ExecuteAsync(owner, script);
        await ExecuteAsync(owner, "UPDATE purge_policy SET min_age_days = 365");
        var app = new NpgsqlConnectionStringBuilder(owner) { Username = role }.ToString();

        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={app}", $"Admin:ApiKeys:0={AdminKey}", "Retention:BatchSize=2");
        await PostgresServerFixture.WaitHealthyAsync(server);
        var old = OmEvent.Created(Guid.NewGuid(), "hardened.db.s.old", timestamp: new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
        var recent = OmEvent.Created(Guid.NewGuid(), "hardened.db.s.recent", timestamp: DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds());
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(old, old.Next().Set("description", "kept"), old.Next(minutesLater: 2).Set("description", "latest"), recent))).StatusCode);

        // The server's role may not edit or remove history behind the server's back.
        foreach (var sql in new[]
                 {
                     "UPDATE change_events SET user_name = 'mallory'",
                     "DELETE FROM change_events",
                     "UPDATE field_changes SET new_value = '\"x\"'",
                     "DELETE FROM entity_versions",
                     "DELETE FROM log_tiles",
                     "DELETE FROM log_checkpoints",
                     "TRUNCATE change_events CASCADE",
                 })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, sql));
            Assert.Equal("42501", refused.SqlState);
        }
        var tooRecent = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "SELECT * FROM historygraph_purge(ARRAY[4::bigint], ARRAY[]::uuid[])"));
        Assert.Contains("younger than purge_policy.min_age_days", tooRecent.MessageText);

        // Retention goes through the function; the log still verifies, the purged events as redacted.
        var purge = await server.AdminQueryAsync("""mutation { purge(before: "2016-01-01T00:00:00Z") { status eventsPurged fieldChangesPurged } }""", AdminKey);
        Assert.Equal(("COMPLETED", 2), (purge.GetProperty("purge").GetProperty("status").GetString(), purge.GetProperty("purge").GetProperty("eventsPurged").GetInt32()));
        var report = (await server.AdminQueryAsync("{ verifyHistory { verified eventsRedacted problems { kind detail } } }", AdminKey)).GetProperty("verifyHistory");
        Assert.True(report.GetProperty("verified").GetBoolean(), report.ToString());
        Assert.Equal(2, report.GetProperty("eventsRedacted").GetInt64());
        Assert.Equal(2L, await ScalarAsync(owner, "SELECT coalesce(sum(events), 0) FROM purge_audit"));

        // A purged event's leaf is still proved, as redacted.
        var purgedSequence = await ScalarAsync(owner, "SELECT min(from_sequence) FROM purged_ranges");
        var proof = (await server.QueryAsync($"{{ eventProof(sequence: {purgedSequence}) {{ treeSize redacted leafData leafHash hashes rootHash }} }}")).GetProperty("eventProof");
        Assert.True(proof.GetProperty("redacted").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, proof.GetProperty("leafData").ValueKind);
        Assert.True(IndependentLogVerifier.VerifyInclusion(purgedSequence - 1, proof.GetProperty("treeSize").GetInt64(), Convert.FromBase64String(proof.GetProperty("leafHash").GetString()!),
            proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList(), Convert.FromBase64String(proof.GetProperty("rootHash").GetString()!)));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
