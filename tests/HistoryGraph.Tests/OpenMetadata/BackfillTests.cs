using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Hosting;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.OpenMetadata;

/// `backfill` against a fake OpenMetadata that keeps its own event log and version history:
/// exactly the events the webhook missed are stored, whatever way the log is paged, and nothing
/// twice; versions missing between stored ones are found (`versionGaps`), fetched from
/// `/versions/{version}` and stored as derived events; the report says what happened.
public abstract class BackfillTests(HistoryGraphServer server, FakeOpenMetadata openMetadata, string connectionString) : IOpenMetadataSettings
{
    public const string AdminKey = "backfill-admin-key";

    public static string[] Settings(FakeOpenMetadata fake) =>
    [
        $"OpenMetadata:ApiUrl={fake.ApiUrl}", $"OpenMetadata:BotToken={FakeOpenMetadata.Token}", "OpenMetadata:MaxRetries=1",
        "OpenMetadata:RetryDelaySeconds=0.05", $"Admin:ApiKeys:0={AdminKey}",
    ];

    private const string Backfill = """
        mutation($since: DateTime!, $until: DateTime) {
          backfill(since: $since, until: $until) {
            pages read stored alreadyPresent rejected outsideWindow
            versions { gapsFound versionsStored error stillMissing { entityId afterVersion beforeVersion } }
          }
        }
        """;

    private readonly FakeOpenMetadataHistory _history = new();

    private Task<JsonElement> MutateAsync(string query, object variables, string? key = AdminKey)
    {
        openMetadata.Respond = _history.Answer;
        return server.AdminGraphQLAsync(query, variables, key);
    }

    private async Task<JsonElement> BackfillAsync(long since, long? until)
    {
        var body = await MutateAsync(Backfill, new { since = Instant(since), until = until is { } u ? Instant(u) : null });
        return body.TryGetProperty("errors", out var errors) ? throw new Xunit.Sdk.XunitException(errors.ToString()) : body.GetProperty("data").GetProperty("backfill");
    }

    private static string Instant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("O");

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    private async Task PostAsync(params OmEvent[] events) => Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(events))).StatusCode);

    private async Task<List<(string Key, string Origin, decimal? Version)>> EventsOfAsync(params Guid[] ids)
    {
        var list = string.Join(", ", ids.Select(id => $"\"{id}\""));
        var nodes = (await server.QueryAsync($$"""{ events(first: 50, where: { entityId: { in: [{{list}}] } }, order: [{ sequence: ASC }]) { nodes { eventId origin currentVersion } } }"""))
            .GetProperty("events").GetProperty("nodes");
        return nodes.EnumerateArray().Select(n => (n.GetProperty("eventId").GetString()!, n.GetProperty("origin").GetString()!,
            n.GetProperty("currentVersion").ValueKind == JsonValueKind.Null ? (decimal?)null : n.GetProperty("currentVersion").GetDecimal())).ToList();
    }

    /// Three entities' histories in OpenMetadata's log (a soft delete and its restore among
    /// them); the webhook delivered some. One event lies before the window, one after it.
    private static (OmEvent[] Log, OmEvent[] InWindow, OmEvent[] Delivered, OmEvent Later, long Since, long Until) Scenario(long start)
    {
        var a = OmEvent.Created(Guid.NewGuid(), "backfill.db.s.a" + Guid.NewGuid().ToString("N")[..6], timestamp: start + 60_000);
        var a2 = a.Next().Set("description", "two");
        var a3 = a2.Next().Set("description", "three");
        var a4 = a3.Next().Set("description", "four");
        var b = OmEvent.Created(Guid.NewGuid(), "backfill.db.s.b" + Guid.NewGuid().ToString("N")[..6], timestamp: start + 120_000);
        var bDeleted = b.Next("entityDeleted", minutesLater: 3);
        var c = OmEvent.Created(Guid.NewGuid(), "backfill.db.s.c" + Guid.NewGuid().ToString("N")[..6], timestamp: start + 60_000);
        var cSoftDeleted = c.Next("entitySoftDeleted", minutesLater: 5).Set("deleted", true);
        var cRestored = cSoftDeleted.Next("entityRestored").Set("deleted", false);
        var later = OmEvent.Created(Guid.NewGuid(), "backfill.db.s.later", timestamp: start + 20 * 60_000);
        var earlier = OmEvent.Created(Guid.NewGuid(), "backfill.db.s.earlier", timestamp: start - 60_000);
        OmEvent[] inWindow = [a, c, a2, b, a3, a4, bDeleted, cSoftDeleted, cRestored];
        return ([earlier, .. inWindow, later], inWindow, [a, a3, b, c], later, start, start + 10 * 60_000);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public async Task a_backfill_stores_exactly_the_events_the_webhook_missed_however_the_log_is_paged(int pageSize, bool cursor)
    {
        var start = 1_700_000_000_000 + pageSize * 86_400_000L + (cursor ? 3_600_000 : 0);
        var (log, inWindow, delivered, later, since, until) = Scenario(start);
        _history.Log.AddRange(log);
        (_history.PageSize, _history.Cursor) = (pageSize == 0 ? null : pageSize, cursor);
        await PostAsync(delivered);
        var ids = log.Select(e => e.EntityId).Distinct().ToArray();

        var report = await BackfillAsync(since, until);

        Assert.Equal((9, 5, 4, 0, 1), (Int(report, "read"), Int(report, "stored"), Int(report, "alreadyPresent"), Int(report, "rejected"), Int(report, "outsideWindow")));
        var stored = await EventsOfAsync(ids);
        Assert.Equal(inWindow.Select(e => e.Id!).Order(), stored.Select(s => s.Key).Order());
        Assert.Equal(delivered.Select(e => e.Id!).Order(), stored.Where(s => s.Origin == "WEBHOOK").Select(s => s.Key).Order());
        Assert.Equal(5, stored.Count(s => s.Origin == "BACKFILL"));
        Assert.DoesNotContain(stored, s => s.Key == later.Id);
        Assert.All(openMetadata.Requests.Where(r => r.PathAndQuery.StartsWith("/api/v1/events")), r => Assert.Equal($"Bearer {FakeOpenMetadata.Token}", r.Authorization));

        var again = await BackfillAsync(since, until);
        Assert.Equal((9, 0, 9), (Int(again, "read"), Int(again, "stored"), Int(again, "alreadyPresent")));
        Assert.Equal(9, (await EventsOfAsync(ids)).Count);
        var a = log[1].EntityId;
        var entity = (await server.QueryAsync($$"""{ entity(id: "{{a}}") { version description } }""")).GetProperty("entity");
        Assert.Equal((0.4m, "four"), (entity.GetProperty("version").GetDecimal(), entity.GetProperty("description").GetString()));
        var restored = (await server.QueryAsync($$"""{ deletions(where: { entityId: { eq: "{{inWindow[7].EntityId}}" } }) { nodes { kind restoredAt } } }"""))
            .GetProperty("deletions").GetProperty("nodes");
        Assert.Equal(JsonValueKind.String, Assert.Single(restored.EnumerateArray()).GetProperty("restoredAt").ValueKind);
    }

    [Fact]
    public async Task missing_versions_are_found_fetched_from_openmetadata_and_stored_as_derived_events()
    {
        const long start = 1_710_000_000_000;
        // d: 0.2 lost and gone from OpenMetadata's event log, kept in its version history.
        var d = OmEvent.Created(Guid.NewGuid(), "gaps.db.s.d" + Guid.NewGuid().ToString("N")[..6], timestamp: start) with { Entity = new JsonObject { ["description"] = "first" } };
        var d2 = d.Next().Set("description", "second") with { UserName = "ann" };
        var d3 = d2.Next().Set("description", "third");
        // e: 0.2 and 0.3 lost, and gone from OpenMetadata too (a hard delete wipes its versions).
        var e = OmEvent.Created(Guid.NewGuid(), "gaps.db.s.e" + Guid.NewGuid().ToString("N")[..6], timestamp: start);
        var e4 = e.Next(step: 0.3m);
        // f: a major step (0.1 -> 1.1) is no gap.
        var f = OmEvent.Created(Guid.NewGuid(), "gaps.db.s.f" + Guid.NewGuid().ToString("N")[..6], timestamp: start);
        var f2 = f.Next(step: 1.0m);
        // g: 0.1 -> 1.2 lost the major step to 1.1, which the later event names as its previous version.
        var g = OmEvent.Created(Guid.NewGuid(), "gaps.db.s.g" + Guid.NewGuid().ToString("N")[..6], timestamp: start);
        var g2 = g.Next(step: 1.0m).Set("description", "major");
        var g3 = g2.Next();
        await PostAsync(d, d3, e, e4, f, f2, g, g3);
        _history.KeepVersion(d2);
        _history.KeepVersion(g2);

        var gaps = (await server.QueryAsync($$"""
            { versionGaps(first: 1000) { entityId afterVersion beforeVersion namedPreviousVersion missingVersions } }
            """)).GetProperty("versionGaps").EnumerateArray().ToDictionary(x => x.GetProperty("entityId").GetGuid());
        Assert.False(gaps.ContainsKey(f.EntityId));
        Assert.Equal((0.1m, 0.3m), (gaps[d.EntityId].GetProperty("afterVersion").GetDecimal(), gaps[d.EntityId].GetProperty("beforeVersion").GetDecimal()));
        Assert.Equal([0.2m], gaps[d.EntityId].GetProperty("missingVersions").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal([0.2m, 0.3m], gaps[e.EntityId].GetProperty("missingVersions").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal(1.1m, gaps[g.EntityId].GetProperty("namedPreviousVersion").GetDecimal());
        Assert.Equal([1.1m], gaps[g.EntityId].GetProperty("missingVersions").EnumerateArray().Select(v => v.GetDecimal()));

        var report = (await BackfillAsync(start, start + 60_000)).GetProperty("versions");

        Assert.True(Int(report, "versionsStored") >= 2);
        var left = report.GetProperty("stillMissing").EnumerateArray().Select(x => x.GetProperty("entityId").GetGuid()).ToList();
        Assert.Contains(e.EntityId, left);
        Assert.DoesNotContain(d.EntityId, left);
        Assert.DoesNotContain(g.EntityId, left);
        var asked = openMetadata.Requests.Where(r => r.PathAndQuery.Contains("/versions/")).Select(r => r.PathAndQuery).ToList();
        Assert.Equal([$"/api/v1/tables/{d.EntityId}/versions/0.2"], asked.Where(p => p.Contains(d.EntityId.ToString())));
        Assert.Equal([$"/api/v1/tables/{g.EntityId}/versions/0.2", $"/api/v1/tables/{g.EntityId}/versions/1.1"], asked.Where(p => p.Contains(g.EntityId.ToString())));
        Assert.DoesNotContain(asked, p => p.Contains(f.EntityId.ToString()));

        var repaired = (await server.QueryAsync($$"""
            { events(where: { entityId: { eq: "{{d.EntityId}}" }, origin: { eq: VERSION_REPAIR } }) {
                nodes { eventType previousVersion currentVersion userName timestamp
                        fieldChanges { path oldValue newValue derived } } } }
            """)).GetProperty("events").GetProperty("nodes");
        var version = Assert.Single(repaired.EnumerateArray());
        Assert.Equal(("entityUpdated", 0.1m, 0.2m, "ann"), (version.GetProperty("eventType").GetString(), version.GetProperty("previousVersion").GetDecimal(),
            version.GetProperty("currentVersion").GetDecimal(), version.GetProperty("userName").GetString()));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(d2.Timestamp), version.GetProperty("timestamp").GetDateTimeOffset());
        var change = Assert.Single(version.GetProperty("fieldChanges").EnumerateArray());
        Assert.Equal(("description", "first", "second", true), (change.GetProperty("path").GetString(), change.GetProperty("oldValue").GetString(),
            change.GetProperty("newValue").GetString(), change.GetProperty("derived").GetBoolean()));
        var entity = (await server.QueryAsync($$"""{ entity(id: "{{d.EntityId}}") { version description } }""")).GetProperty("entity");
        Assert.Equal((0.3m, "third"), (entity.GetProperty("version").GetDecimal(), entity.GetProperty("description").GetString()));

        var after = (await server.QueryAsync("{ versionGaps(first: 1000) { entityId } }")).GetProperty("versionGaps").EnumerateArray().Select(x => x.GetProperty("entityId").GetGuid()).ToList();
        Assert.Contains(e.EntityId, after);
        Assert.DoesNotContain(d.EntityId, after);
        Assert.DoesNotContain(g.EntityId, after);
        var again = (await BackfillAsync(start, start + 60_000)).GetProperty("versions");
        Assert.DoesNotContain(again.GetProperty("stillMissing").EnumerateArray(), x => x.GetProperty("entityId").GetGuid() == d.EntityId);
        Assert.Single(await EventsOfAsync(d.EntityId), x => x.Origin == "VERSION_REPAIR");
    }

    [Fact]
    public async Task openmetadata_failing_or_a_bad_window_is_an_error_with_a_code_and_admins_only()
    {
        var unauthenticated = await MutateAsync(Backfill, new { since = "2026-01-01T00:00:00Z" }, key: null);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", unauthenticated.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var backwards = await MutateAsync(Backfill, new { since = "2026-02-01T00:00:00Z", until = "2026-01-01T00:00:00Z" });
        Assert.Equal("INVALID_ARGUMENT", backwards.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var down = await FailingAsync(new FakeOpenMetadata.Answer(500, """{"code":500,"message":"database is down"}"""));
        Assert.Equal("OPENMETADATA_REFUSED", down.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("database is down", down.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("junk")]
    [InlineData("cursor")]
    public async Task a_log_that_does_not_advance_ends_the_reading_at_once(string kind)
    {
        // A page whose items are all unreadable, different every time (no cursor), or a cursor
        // that leads back to itself: the reading stops instead of creeping forward a millisecond
        // (or a page) per request until Backfill:MaxPages.
        var served = 0;
        var e = OmEvent.Created(Guid.NewGuid(), "backfill.db.s.loop" + Guid.NewGuid().ToString("N")[..6], timestamp: 1_650_000_000_000);
        openMetadata.Respond = r =>
        {
            if (!r.PathAndQuery.StartsWith("/api/v1/events?"))
                return null;
            var n = Interlocked.Increment(ref served);
            return new FakeOpenMetadata.Answer(200, kind == "junk"
                ? $$$"""{"data":[{"unreadable":{{{n}}}}],"paging":{"total":1}}"""
                : $$$"""{"data":[{{{e.ToJson()}}}],"paging":{"total":1,"after":"same"}}""");
        };

        var body = await server.AdminGraphQLAsync(Backfill, new { since = Instant(1_650_000_000_000 - 60_000) }, AdminKey);

        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var report = body.GetProperty("data").GetProperty("backfill");
        Assert.True(served <= 2, $"{served} pages asked for");
        Assert.Equal(kind == "junk" ? (0, 1) : (1, 0), (Int(report, "read"), Int(report, "rejected")));
    }

    private async Task<JsonElement> FailingAsync(FakeOpenMetadata.Answer answer)
    {
        openMetadata.Respond = _ => answer;
        return (await server.AdminGraphQLAsync(Backfill, new { since = "2026-01-01T00:00:00Z" }, AdminKey)).GetProperty("errors")[0];
    }

    [Fact]
    public async Task the_backfill_command_stores_the_same_events_and_refuses_options_it_cannot_take()
    {
        const long start = 1_720_000_000_000;
        var (log, inWindow, delivered, _, since, until) = Scenario(start);
        _history.Log.AddRange(log);
        await PostAsync(delivered);
        openMetadata.Respond = _history.Answer;
        string[] settings = [$"--ConnectionStrings:History={connectionString}", $"--OpenMetadata:ApiUrl={openMetadata.ApiUrl}",
            $"--OpenMetadata:BotToken={FakeOpenMetadata.Token}", "--Serilog:MinimumLevel:Default=Warning"];

        Assert.Equal(0, await MaintenanceCommands.RunAsync(["backfill", .. settings, $"--since={Instant(since)}", $"--until={Instant(until)}"]));

        Assert.Equal(inWindow.Length, (await EventsOfAsync(log.Select(e => e.EntityId).Distinct().ToArray())).Count);
        Assert.Equal(2, await MaintenanceCommands.RunAsync(["backfill", .. settings]));
        Assert.Equal(2, await MaintenanceCommands.RunAsync(["backfill", .. settings, "--since=yesterday"]));
        Assert.Equal(2, await MaintenanceCommands.RunAsync(["backfill", .. settings, "--since=2026-01-01", "--from=2026-01-01"]));
    }
}


public sealed class PostgresBackfillTests(PostgresOpenMetadataFixture<BackfillTests> fixture)
    : BackfillTests(fixture.Server, fixture.OpenMetadata, fixture.ConnectionString), IClassFixture<PostgresOpenMetadataFixture<BackfillTests>>;

public sealed class SqliteBackfillTests(SqliteOpenMetadataFixture<BackfillTests> fixture)
    : BackfillTests(fixture.Server, fixture.OpenMetadata, fixture.ConnectionString), IClassFixture<SqliteOpenMetadataFixture<BackfillTests>>;

