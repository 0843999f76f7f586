using System.Net;
using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Retention;

/// Time travel after a purge: a moment before the cut-off is refused with HISTORY_PURGED naming
/// where history is complete, not answered from what is left; from the cut-off on, every moment
/// is told, because the purge keeps each entity's version in force at the cut-off.
public abstract class AsOfAfterPurgeTests(HistoryGraphServer server)
{
    public const string AdminKey = "as-of-purge-admin";

    public static string[] Settings => [$"Admin:ApiKeys:0={AdminKey}", "Retention:BatchSize=2"];

    private static long At(int month) => new DateTimeOffset(2012, month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static string? Code(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;

    [Fact]
    public async Task moments_before_the_cut_off_are_refused_and_later_ones_are_told_from_the_version_kept_in_force()
    {
        // e: 0.1 in February, 0.2 in March, 0.3 in September; f: created in February only.
        var e = OmEvent.Created(Guid.NewGuid(), "asof.db.s.e", timestamp: At(2));
        var e2 = e.Next().Set("description", "march") with { Timestamp = At(3) };
        var e3 = e2.Next().Set("description", "september") with { Timestamp = At(9) };
        var f = OmEvent.Created(Guid.NewGuid(), "asof.db.s.f", timestamp: At(2));
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(e, e2, e3, f))).StatusCode);
        var sequences = (await server.QueryAsync($$"""{ events(first: 10, where: { entityId: { eq: "{{e.EntityId}}" } }, order: [{ sequence: ASC }]) { nodes { sequence } } }"""))
            .GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("sequence").GetInt64()).ToList();

        var purge = await server.AdminGraphQLAsync("""mutation { purge(before: "2012-06-01T00:00:00Z") { eventsPurged } }""", null, AdminKey);
        Assert.Equal(1, purge.GetProperty("data").GetProperty("purge").GetProperty("eventsPurged").GetInt32());

        // June: 0.2 was in force at the cut-off, and kept.
        var june = await server.QueryAsync($$"""{ entityAsOf(entityId: "{{e.EntityId}}", at: "2012-07-01T00:00:00Z") { version snapshot } }""");
        Assert.Equal((0.2m, "march"), (june.GetProperty("entityAsOf").GetProperty("version").GetDecimal(), june.GetProperty("entityAsOf").GetProperty("snapshot").GetProperty("description").GetString()));
        var catalog = await server.QueryAsync("""{ catalogAsOf(at: "2012-07-01T00:00:00Z", where: { fqn: { startsWith: "asof." } }, order: [{ fqn: ASC }]) { nodes { fqn version } } }""");
        Assert.Equal([("asof.db.s.e", 0.2m), ("asof.db.s.f", 0.1m)],
            catalog.GetProperty("catalogAsOf").GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("fqn").GetString(), n.GetProperty("version").GetDecimal())));

        // April: 0.2 was in force then too, but what else was is gone; the answer would be a guess.
        foreach (var query in new[]
                 {
                     $$"""{ entityAsOf(entityId: "{{e.EntityId}}", at: "2012-04-01T00:00:00Z") { version } }""",
                     """{ catalogAsOf(at: "2012-02-15T00:00:00Z") { nodes { fqn } } }""",
                     $$"""{ entityAsOf(entityId: "{{e.EntityId}}", sequence: {{sequences[0]}}) { version } }""",
                 })
        {
            var refused = await server.GraphQLAsync(query);
            Assert.Equal("HISTORY_PURGED", Code(refused));
            Assert.Contains("complete from 2012-06-01", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        }
        var latest = await server.QueryAsync($$"""{ entityAsOf(entityId: "{{e.EntityId}}", sequence: {{sequences[^1]}}) { version } }""");
        Assert.Equal(0.3m, latest.GetProperty("entityAsOf").GetProperty("version").GetDecimal());
    }
}

public sealed class PostgresAsOfAfterPurgeTests(PostgresAsOfAfterPurgeTests.ServerFixture fixture)
    : AsOfAfterPurgeTests(fixture.Server), IClassFixture<PostgresAsOfAfterPurgeTests.ServerFixture>
{
    public sealed class ServerFixture : PostgresServerFixture
    {
        protected override string[] Settings => AsOfAfterPurgeTests.Settings;
    }
}

public sealed class SqliteAsOfAfterPurgeTests(SqliteAsOfAfterPurgeTests.ServerFixture fixture)
    : AsOfAfterPurgeTests(fixture.Server), IClassFixture<SqliteAsOfAfterPurgeTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => AsOfAfterPurgeTests.Settings;
    }
}
