using System.Net;
using System.Text.Json;
using HistoryGraph.Completeness;
using HistoryGraph.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.OpenMetadata;

/// Versions OpenMetadata refuses (an error status, or an answer that is not the version asked
/// for) are recorded as REFUSED with its answer, apart from those it does not have; the repair
/// goes on with the other entities; and a later pass asks for the refused ones again although no
/// later window touches their entities, closing the gaps once OpenMetadata gives them.
public abstract class GapRetryTests(HistoryGraphServer server, FakeOpenMetadata openMetadata) : IOpenMetadataSettings
{
    // Two and a half hours ago, on the minute: two windows are due, for half an hour after the
    // first test reads this whatever the minute.
    public static readonly DateTime Start = new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute - 150 * TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    public static string[] Settings(FakeOpenMetadata fake) =>
    [
        $"OpenMetadata:ApiUrl={fake.ApiUrl}", $"OpenMetadata:BotToken={FakeOpenMetadata.Token}", "OpenMetadata:MaxRetries=0",
        $"Reconciliation:Since={Start:O}", "Reconciliation:WindowMinutes=60", "Reconciliation:SettleMinutes=0", "Reconciliation:RetryMinutes=0",
    ];

    private static long At(int minutes) => new DateTimeOffset(Start.AddMinutes(minutes)).ToUnixTimeMilliseconds();

    [Fact]
    public async Task refused_versions_are_named_so_the_repair_goes_on_and_a_later_pass_closes_them()
    {
        var history = new FakeOpenMetadataHistory();
        var (forbidden, junk) = (new HashSet<Guid>(), new HashSet<Guid>());
        openMetadata.Respond = request =>
        {
            var isVersion = request.PathAndQuery.Contains("/versions/", StringComparison.Ordinal);
            if (isVersion && forbidden.Any(id => request.PathAndQuery.Contains(id.ToString(), StringComparison.Ordinal)))
                return new FakeOpenMetadata.Answer(403, """{"code":403,"message":"Principal: ingestion-bot is not authorized"}""");
            if (isVersion && junk.Any(id => request.PathAndQuery.Contains(id.ToString(), StringComparison.Ordinal)))
                return new FakeOpenMetadata.Answer(200, """{"hello":"world"}""");
            return history.Answer(request);
        };
        // Three tables whose 0.2 bulk ingestion saved without an event: OpenMetadata refuses f's,
        // answers g's with something that is not a table, and no longer has h's.
        var (f, g, h) = (Table("f", 5), Table("g", 10), Table("h", 15));
        foreach (var (created, _, latest) in new[] { f, g, h })
        {
            history.Log.AddRange([created, latest]);
            history.KeepVersion(created);
            history.KeepVersion(latest);
        }
        history.KeepVersion(f.Bulk);
        history.KeepVersion(g.Bulk);
        forbidden.Add(f.Created.EntityId);
        junk.Add(g.Created.EntityId);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(f.Created, f.Latest, g.Created, g.Latest, h.Created, h.Latest))).StatusCode);
        var reconciler = server.Services.GetRequiredService<Reconciler>();

        Assert.Equal(2, await reconciler.ReconcileAsync(CancellationToken.None));

        var missing = await MissingAsync();
        Assert.Equal(3, missing.Count);
        Assert.Equal("REFUSED", missing[f.Created.EntityId].GetProperty("reason").GetString());
        Assert.Contains("403", missing[f.Created.EntityId].GetProperty("detail").GetString());
        Assert.Equal("REFUSED", missing[g.Created.EntityId].GetProperty("reason").GetString());
        Assert.Contains("is another entity or version", missing[g.Created.EntityId].GetProperty("detail").GetString());
        Assert.Equal("NOT_IN_OPEN_METADATA", missing[h.Created.EntityId].GetProperty("reason").GetString());
        Assert.All(missing.Values, gap => Assert.Equal([0.2m], gap.GetProperty("versions").EnumerateArray().Select(v => v.GetDecimal())));

        // OpenMetadata gives them now. No window is due; the refused gaps are asked for again.
        forbidden.Clear();
        junk.Clear();
        Assert.Equal(0, await reconciler.ReconcileAsync(CancellationToken.None));

        Assert.Equal([h.Created.EntityId], (await MissingAsync()).Keys);
        foreach (var table in new[] { f, g })
        {
            var versions = (await server.QueryAsync($$"""{ events(where: { entityId: { eq: "{{table.Created.EntityId}}" } }, order: [{ currentVersion: ASC }]) { nodes { currentVersion origin } } }"""))
                .GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("currentVersion").GetDecimal(), n.GetProperty("origin").GetString()));
            Assert.Equal([(0.1m, "WEBHOOK"), (0.2m, "VERSION_REPAIR"), (0.3m, "WEBHOOK")], versions);
        }
        // h's is not asked for again: OpenMetadata said it has no such version.
        var asked = openMetadata.Requests.Count(r => r.PathAndQuery.Contains($"{h.Created.EntityId}/versions/0.2", StringComparison.Ordinal));
        Assert.Equal(0, await reconciler.ReconcileAsync(CancellationToken.None));
        Assert.Equal(asked, openMetadata.Requests.Count(r => r.PathAndQuery.Contains($"{h.Created.EntityId}/versions/0.2", StringComparison.Ordinal)));
    }

    private static (OmEvent Created, OmEvent Bulk, OmEvent Latest) Table(string name, int minute)
    {
        var created = OmEvent.Created(Guid.NewGuid(), $"retry.db.s.{name}{Guid.NewGuid():N}"[..30], timestamp: At(minute));
        var bulk = created.Next().Set("description", "bulk") with { Timestamp = At(minute + 1) };
        var latest = bulk.Next().Set("description", "after bulk") with { Timestamp = At(minute + 2) };
        return (created, bulk, latest);
    }

    private async Task<Dictionary<Guid, JsonElement>> MissingAsync() =>
        (await server.QueryAsync($$"""{ completeness(from: "{{Start:O}}", to: "{{Start.AddHours(2):O}}") { missing { entityId versions reason detail } } }"""))
            .GetProperty("completeness").GetProperty("missing").EnumerateArray().ToDictionary(m => m.GetProperty("entityId").GetGuid());
}


public sealed class SqliteGapRetryTests(SqliteOpenMetadataFixture<GapRetryTests> fixture)
    : GapRetryTests(fixture.Server, fixture.OpenMetadata), IClassFixture<SqliteOpenMetadataFixture<GapRetryTests>>;

public sealed class PostgresGapRetryTests(PostgresOpenMetadataFixture<GapRetryTests> fixture)
    : GapRetryTests(fixture.Server, fixture.OpenMetadata), IClassFixture<PostgresOpenMetadataFixture<GapRetryTests>>;

