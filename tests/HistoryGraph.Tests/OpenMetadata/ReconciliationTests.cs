using System.Net;
using System.Text.Json;
using HistoryGraph.Completeness;
using HistoryGraph.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.OpenMetadata;

/// The reconciler against a fake OpenMetadata of an older release (its log answers everything
/// from a timestamp on, no history endpoint) and of the newest (a paged log, a history endpoint),
/// one hour-long window after another: an event the webhook missed is stored (BACKFILL; with the
/// newest release, across holes in the log's offsets), a version bulk ingestion saved without an
/// event is fetched (VERSION_REPAIR) when a later version shows the gap, and with the newest
/// release even when none does; a version
/// OpenMetadata no longer has is reported missing with why, a window whose events no webhook
/// delivered is marked silent, and `completeness` says how far the history is verified
/// complete. Checking again stores nothing twice.
public abstract class ReconciliationTests(HistoryGraphServer server, FakeOpenMetadata openMetadata, bool newest) : IOpenMetadataSettings
{
    // Five and a half hours ago, on the minute: the windows are [T0, T0+1h), [T0+1h, T0+2h), ...,
    // and five of them are due until half an hour after the first test reads this, whatever
    // the minute (on the hour, a test that crossed the hour would find six).
    public static readonly DateTime Start = new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute - 330 * TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    public static string[] Settings(FakeOpenMetadata fake) =>
    [
        $"OpenMetadata:ApiUrl={fake.ApiUrl}", $"OpenMetadata:BotToken={FakeOpenMetadata.Token}", "OpenMetadata:MaxRetries=0",
        $"Reconciliation:Since={Start:O}", "Reconciliation:WindowMinutes=60", "Reconciliation:SettleMinutes=0",
    ];

    private static long At(int minutes) => new DateTimeOffset(Start.AddMinutes(minutes)).ToUnixTimeMilliseconds();

    private async Task<JsonElement> EventsAsync(Guid id) =>
        (await server.QueryAsync($$"""{ events(first: 20, where: { entityId: { eq: "{{id}}" } }, order: [{ sequence: ASC }]) { nodes { eventId origin currentVersion } } }"""))
            .GetProperty("events").GetProperty("nodes");

    [Fact]
    public async Task windows_are_checked_what_was_missed_is_stored_and_what_cannot_be_is_named_with_why()
    {
        // The newest release numbers its log with offsets that have holes (rolled-back inserts).
        var history = new FakeOpenMetadataHistory { Newest = newest, OffsetsWithHoles = newest };
        openMetadata.Respond = history.Answer;
        // Window 1: a's update never came by webhook.
        var a = OmEvent.Created(Guid.NewGuid(), "reconcile.db.s.a", timestamp: At(5));
        var a2 = a.Next().Set("description", "missed") with { Timestamp = At(10) };
        // Window 2: b's event came by no webhook at all (the alert was off).
        var b = OmEvent.Created(Guid.NewGuid(), "reconcile.db.s.b", timestamp: At(70));
        // Window 3: d's 0.2 is gone from OpenMetadata (and never came here).
        var d = OmEvent.Created(Guid.NewGuid(), "reconcile.db.s.d", timestamp: At(130));
        var d2 = d.Next() with { Timestamp = At(131) };
        var d3 = d2.Next() with { Timestamp = At(132) };
        // Window 4: c's 0.2 was saved by bulk ingestion without an event; OpenMetadata has it.
        var c = OmEvent.Created(Guid.NewGuid(), "reconcile.db.s.c", timestamp: At(185));
        var c2 = c.Next().Set("description", "bulk") with { Timestamp = At(186) };
        var c3 = c2.Next().Set("description", "after bulk") with { Timestamp = At(187) };
        // Window 5: e's 0.2 was saved by bulk ingestion, and nothing changed it since: only a
        // release that lists its versions (the history endpoint) can tell.
        var e = OmEvent.Created(Guid.NewGuid(), "reconcile.db.s.e", timestamp: At(250));
        var e2 = e.Next().Set("description", "bulk, and nothing after") with { Timestamp = At(255) };
        history.Log.AddRange([a, a2, b, d, d3, c, c3, e]);
        // OpenMetadata keeps every version but d's 0.2.
        foreach (var version in new[] { a, a2, b, d, d3, c, c2, c3, e, e2 })
            history.KeepVersion(version);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(a, d, d3, c, c3, e))).StatusCode);
        var reconciler = server.Services.GetRequiredService<Reconciler>();

        Assert.Equal(5, await reconciler.ReconcileAsync(CancellationToken.None));

        var aEvents = await EventsAsync(a.EntityId);
        Assert.Equal(["WEBHOOK", "BACKFILL"], aEvents.EnumerateArray().Select(e => e.GetProperty("origin").GetString()));
        var repaired = (await EventsAsync(c.EntityId)).EnumerateArray().Single(e => e.GetProperty("origin").GetString() == "VERSION_REPAIR");
        Assert.Equal(0.2m, repaired.GetProperty("currentVersion").GetDecimal());
        Assert.Equal(["BACKFILL"], (await EventsAsync(b.EntityId)).EnumerateArray().Select(e => e.GetProperty("origin").GetString()));
        var report = (await server.QueryAsync($$"""
            { completeness(from: "{{Start:O}}", to: "{{Start.AddHours(5):O}}") {
                verifiedFrom verifiedUntil windowsChecked eventsSeen eventsStored versionsStored
                windows { from eventsSeen eventsStored versionsStored versionsListed stillMissing webhookEvents silent complete error }
                missing { entityId afterVersion beforeVersion versions reason }
                silentWindows { from } } }
            """)).GetProperty("completeness");
        Assert.Equal(5, report.GetProperty("windowsChecked").GetInt32());
        Assert.Equal((2, newest ? 2 : 1), (report.GetProperty("eventsStored").GetInt32(), report.GetProperty("versionsStored").GetInt32()));
        Assert.Equal(newest ? [0.1m, 0.2m] : [0.1m], (await EventsAsync(e.EntityId)).EnumerateArray().Select(x => x.GetProperty("currentVersion").GetDecimal()));
        Assert.All(report.GetProperty("windows").EnumerateArray(), w => Assert.Equal(newest, w.GetProperty("versionsListed").GetBoolean()));
        var windows = report.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal([true, true, false, true, true], windows.Select(w => w.GetProperty("complete").GetBoolean()));
        Assert.Equal([false, true, false, false, false], windows.Select(w => w.GetProperty("silent").GetBoolean()));
        Assert.Equal(Start.AddHours(1), Assert.Single(report.GetProperty("silentWindows").EnumerateArray()).GetProperty("from").GetDateTime().ToUniversalTime());
        var missing = Assert.Single(report.GetProperty("missing").EnumerateArray());
        Assert.Equal((d.EntityId, 0.1m, 0.3m, "NOT_IN_OPEN_METADATA"),
            (missing.GetProperty("entityId").GetGuid(), missing.GetProperty("afterVersion").GetDecimal(), missing.GetProperty("beforeVersion").GetDecimal(), missing.GetProperty("reason").GetString()));
        Assert.Equal([0.2m], missing.GetProperty("versions").EnumerateArray().Select(v => v.GetDecimal()));
        // Windows 1 and 2 were complete once checked (what they lacked is stored); window 3 keeps d's gap open.
        Assert.Equal(Start, report.GetProperty("verifiedFrom").GetDateTime().ToUniversalTime());
        Assert.Equal(Start.AddHours(2), report.GetProperty("verifiedUntil").GetDateTime().ToUniversalTime());
        var entity = (await server.QueryAsync($$"""{ entity(id: "{{d.EntityId}}") { completeness { complete gaps { versions } } } }""")).GetProperty("entity").GetProperty("completeness");
        Assert.False(entity.GetProperty("complete").GetBoolean());

        // Nothing is due until time passes, and nothing is stored twice.
        Assert.Equal(0, await reconciler.ReconcileAsync(CancellationToken.None));
        Assert.Equal(2, (await EventsAsync(a.EntityId)).GetArrayLength());
    }
}


public sealed class SqliteReconciliationTests(SqliteOpenMetadataFixture<ReconciliationTests> fixture)
    : ReconciliationTests(fixture.Server, fixture.OpenMetadata, newest: false), IClassFixture<SqliteOpenMetadataFixture<ReconciliationTests>>;

public sealed class PostgresReconciliationTests(PostgresOpenMetadataFixture<ReconciliationTests> fixture)
    : ReconciliationTests(fixture.Server, fixture.OpenMetadata, newest: false), IClassFixture<PostgresOpenMetadataFixture<ReconciliationTests>>;

public sealed class SqliteNewestReleaseReconciliationTests(SqliteOpenMetadataFixture<ReconciliationTests> fixture)
    : ReconciliationTests(fixture.Server, fixture.OpenMetadata, newest: true), IClassFixture<SqliteOpenMetadataFixture<ReconciliationTests>>;

public sealed class PostgresNewestReleaseReconciliationTests(PostgresOpenMetadataFixture<ReconciliationTests> fixture)
    : ReconciliationTests(fixture.Server, fixture.OpenMetadata, newest: true), IClassFixture<PostgresOpenMetadataFixture<ReconciliationTests>>;

/// Windows older than OpenMetadata keeps its event log (Reconciliation:LogRetentionDays) are
/// checked from the versions alone: the log is not asked for them.
public sealed class OldWindowReconciliationTests(SqliteOpenMetadataFixture<OldWindowReconciliationTests> fixture)
    : IOpenMetadataSettings, IClassFixture<SqliteOpenMetadataFixture<OldWindowReconciliationTests>>
{
    // Three hours: the windows ended 4.5, 3.5, 2.5, 1.5 and 0.5 hours before Start was read, so
    // the two oldest ended longer ago than that, and the three others did not, for half an hour.
    public static string[] Settings(FakeOpenMetadata openMetadata) => [.. ReconciliationTests.Settings(openMetadata), "Reconciliation:LogRetentionDays=0.125"];

    [Fact]
    public async Task windows_older_than_the_log_are_checked_without_asking_it()
    {
        var history = new FakeOpenMetadataHistory();
        fixture.OpenMetadata.Respond = history.Answer;
        var start = new DateTimeOffset(ReconciliationTests.Start).ToUnixTimeMilliseconds();

        Assert.Equal(5, await fixture.Server.Services.GetRequiredService<Reconciler>().ReconcileAsync(CancellationToken.None));

        var asked = fixture.OpenMetadata.Requests.Where(r => r.PathAndQuery.StartsWith("/api/v1/events?")).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(3, asked.Count);
        Assert.DoesNotContain(asked, q => q.Contains($"timestamp={start}&") || q.Contains($"timestamp={start + 3_600_000}&"));
        var windows = (await fixture.Server.QueryAsync($$"""{ completeness(from: "{{ReconciliationTests.Start:O}}", to: "{{ReconciliationTests.Start.AddHours(5):O}}") { windows { complete } } }"""))
            .GetProperty("completeness").GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(5, windows.Count);
        Assert.All(windows, w => Assert.True(w.GetProperty("complete").GetBoolean()));
    }
}
