using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Schema;

/// `changeStats`, `topEntities` and `topUsers` against counting the events posted. Each test
/// works in a window of its own, years away from every other test's events.
public abstract class StatisticsTests(HistoryGraphServer server)
{
    private static int _days;

    /// A day of its own, at UTC midnight, a week after the last one handed out: each test's
    /// three days of events stay out of every other test's windows.
    private static DateTime OwnDay() => new DateTime(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(7 * Interlocked.Increment(ref _days));

    private static long Milliseconds(DateTime utc) => (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;

    /// Events over three days: creates and updates by people and a bot, on two tables and a dashboard.
    private async Task<List<OmEvent>> PostHistoryAsync(DateTime day)
    {
        var prefix = "st" + Guid.NewGuid().ToString("N")[..8];
        var events = new List<OmEvent>();
        var orders = OmEvent.Created(Guid.NewGuid(), prefix + ".db.s.orders", timestamp: Milliseconds(day.AddMinutes(3))) with { UserName = "ann" };
        events.Add(orders);
        var current = orders;
        foreach (var (minutes, user) in new[] { (50, "ann"), (61, "ingestion-bot"), (400, "bob"), (1_500, "ann"), (1_700, "ingestion-bot"), (2_900, "bob"), (4_000, "carl") })
        {
            current = current.Next(minutesLater: 0).Set("description", $"at {minutes}") with { UserName = user, Timestamp = Milliseconds(day.AddMinutes(minutes)) };
            events.Add(current);
        }
        // Made by an agent for bob.
        var customers = OmEvent.Created(Guid.NewGuid(), prefix + ".db.s.customers", timestamp: Milliseconds(day.AddMinutes(700))) with { UserName = "bob", ImpersonatedBy = "mcp-agent" };
        events.Add(customers);
        events.Add(customers.Next(minutesLater: 800).Change("fieldsDeleted", "columns", JsonValue.Create("""[{"name":"a"}]"""), null) with { UserName = "bob" });
        events.Add(OmEvent.Created(Guid.NewGuid(), prefix + ".sales", timestamp: Milliseconds(day.AddMinutes(2_000))) with { EntityType = "dashboard", UserName = "carl" });
        await server.PostAsync(OmEvent.Batch([.. events, events[2]]));
        return events;
    }

    private const string StatsQuery = """
        query($from: DateTime!, $to: DateTime!, $bucket: TimeBucket!, $zone: String, $where: ChangeEventFilterInput, $groupBy: [ChangeStatsGroup!]) {
          changeStats(from: $from, to: $to, bucket: $bucket, timeZone: $zone, where: $where, groupBy: $groupBy) { start end count groups { key keys count } }
        }
        """;

    private async Task<List<JsonElement>> StatsAsync(DateTime from, DateTime to, string bucket, string zone = "UTC", object? where = null, string[]? groupBy = null) =>
        (await server.QueryAsync(StatsQuery, new { from, to, bucket, zone, where, groupBy })).GetProperty("changeStats").EnumerateArray().ToList();

    [Theory]
    [InlineData("UTC")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("America/St_Johns")]
    public async Task day_buckets_in_any_zone_equal_counting_the_events_and_the_rollup_equals_counting_directly(string zoneId)
    {
        var day = OwnDay();
        var events = await PostHistoryAsync(day);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        // From and to off the quarter hours, so that both ends come from the events themselves.
        var (from, to) = (day.AddMinutes(-7), day.AddDays(3).AddMinutes(11));

        var buckets = await StatsAsync(from, to, "DAY", zoneId);
        Assert.Equal(from, buckets[0].GetProperty("start").GetDateTime().ToUniversalTime());
        Assert.Equal(to, buckets[^1].GetProperty("end").GetDateTime().ToUniversalTime());
        foreach (var (bucket, index) in buckets.Select((b, i) => (b, i)))
        {
            var (start, end) = (bucket.GetProperty("start").GetDateTime().ToUniversalTime(), bucket.GetProperty("end").GetDateTime().ToUniversalTime());
            Assert.Equal(events.Count(e => e.Timestamp >= Milliseconds(start) && e.Timestamp < Milliseconds(end)), bucket.GetProperty("count").GetInt64());
            if (index > 0)
                Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTimeFromUtc(start, zone).TimeOfDay);
        }
        Assert.Equal(events.Count, buckets.Sum(b => b.GetProperty("count").GetInt64()));

        // The rollup (no `where`) and counting the events (a `where` that keeps them all) agree, group for group.
        foreach (var groupBy in new[] { Array.Empty<string>(), ["EVENT_TYPE"], ["USER"], ["IS_BOT"], ["ACTOR_KIND"], ["SEMANTIC_CHANGE"], ["CATEGORY"], ["ENTITY_TYPE"], ["SERVICE"] })
        {
            var fromRollup = await StatsAsync(from, to, "DAY", zoneId, groupBy: groupBy);
            var counted = await StatsAsync(from, to, "DAY", zoneId, where: new { sequence = new { gte = 0 } }, groupBy: groupBy);
            Assert.Equal(JsonSerializer.Serialize(counted), JsonSerializer.Serialize(fromRollup));
        }
    }

    /// Every bucket and group read from the rollup (UTC days with the spans between each edge
    /// and its nearest UTC midnight added or taken away) equals counting the events, across a
    /// clock change, in zones ahead of and behind UTC by whole, half and quarter hours. Each
    /// case has two weeks of its own around the end of March of its own year.
    [Theory]
    [InlineData("Europe/Berlin", 2040)]
    [InlineData("Pacific/Auckland", 2041)]
    [InlineData("America/St_Johns", 2042)]
    [InlineData("Asia/Kathmandu", 2043)]
    [InlineData("UTC", 2044)]
    public async Task the_rollup_read_as_utc_days_and_the_spans_at_each_edge_equals_counting_the_events(string zoneId, int year)
    {
        var start = new DateTime(year, 3, 24, 0, 0, 0, DateTimeKind.Utc);
        var prefix = "sr" + Guid.NewGuid().ToString("N")[..8];
        string[] users = ["ann", "bob", "ingestion-bot", "carl"];
        var events = new List<OmEvent>();
        for (var k = 0; k * 97 < 14 * 24 * 60; k++)
        {
            var service = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "databaseService", ["name"] = k % 3 == 0 ? prefix + "-crm" : prefix + "-shop" };
            events.Add(OmEvent.Created(Guid.NewGuid(), $"{prefix}.db.s.t{k}", timestamp: Milliseconds(start.AddMinutes(k * 97))) with
            {
                UserName = k % 5 == 4 ? null : users[k % users.Length],
                ImpersonatedBy = k % 7 == 6 ? "mcp-agent" : null,
                Entity = new JsonObject { ["service"] = service },
                EntityType = k % 4 == 3 ? "dashboard" : "table",
            });
        }
        foreach (var batch in events.Chunk(50))
            await server.PostAsync(OmEvent.Batch(batch));

        var (from, to) = (start.AddMinutes(7), start.AddDays(14).AddMinutes(-8));
        foreach (var bucket in new[] { "HOUR", "DAY", "WEEK", "MONTH" })
        {
            foreach (var groupBy in new[] { Array.Empty<string>(), ["USER"], ["SERVICE"], ["ENTITY_TYPE"], ["IS_BOT"], ["ACTOR_KIND"] })
            {
                var fromRollup = await StatsAsync(from, to, bucket, zoneId, groupBy: groupBy);
                var counted = await StatsAsync(from, to, bucket, zoneId, where: new { sequence = new { gte = 0 } }, groupBy: groupBy);
                Assert.Equal(JsonSerializer.Serialize(counted), JsonSerializer.Serialize(fromRollup));
                Assert.Equal(events.Count(e => e.Timestamp >= Milliseconds(from) && e.Timestamp < Milliseconds(to)), fromRollup.Sum(b => b.GetProperty("count").GetInt64()));
            }
        }
    }

    [Fact]
    public async Task groups_count_each_buckets_events_by_one_or_several_dimensions()
    {
        var day = OwnDay();
        var events = await PostHistoryAsync(day);
        var buckets = await StatsAsync(day, day.AddDays(1), "DAY", groupBy: ["USER"]);
        var groups = Assert.Single(buckets).GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("count").GetInt64());
        var expected = events.Where(e => e.Timestamp < Milliseconds(day.AddDays(1))).GroupBy(e => e.UserName!).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), groups.OrderBy(g => g.Key));

        var both = Assert.Single(await StatsAsync(day, day.AddDays(1), "DAY", groupBy: ["IS_BOT", "EVENT_TYPE"])).GetProperty("groups").EnumerateArray()
            .ToDictionary(g => string.Join(",", g.GetProperty("keys").EnumerateArray().Select(k => k.GetString())), g => g.GetProperty("count").GetInt64());
        Assert.Equal(1, both["true,entityUpdated"]);
        Assert.Equal(2, both["false,entityCreated"]);
        Assert.Equal(expected.Values.Sum(), both.Values.Sum());

        // ann twice and bob once themselves, the bot once, the agent once for bob.
        var kinds = Assert.Single(await StatsAsync(day, day.AddDays(1), "DAY", groupBy: ["ACTOR_KIND"])).GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["HUMAN"] = 3, ["BOT"] = 1, ["AGENT"] = 1 }.OrderBy(k => k.Key), kinds.OrderBy(k => k.Key));

        var breaking = await StatsAsync(day, day.AddDays(3), "DAY", where: new { breaking = new { eq = true } });
        Assert.Equal(1, breaking.Sum(b => b.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task hour_buckets_follow_the_clock_of_the_zone_across_a_clock_change()
    {
        // Berlin's clocks went back an hour on 25 October 2026: that local day has 25 hours.
        var from = new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc);
        var buckets = await StatsAsync(from, from.AddHours(25), "HOUR", "Europe/Berlin");
        Assert.Equal(25, buckets.Count);
        var days = await StatsAsync(from, from.AddHours(25), "DAY", "Europe/Berlin");
        Assert.Equal((from, from.AddHours(25)), (Assert.Single(days).GetProperty("start").GetDateTime().ToUniversalTime(), days[0].GetProperty("end").GetDateTime().ToUniversalTime()));
        var weeks = await StatsAsync(new DateTime(2026, 11, 4, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), "WEEK");
        Assert.Equal([DayOfWeek.Wednesday, DayOfWeek.Monday, DayOfWeek.Monday, DayOfWeek.Monday], weeks.Select(w => w.GetProperty("start").GetDateTime().ToUniversalTime().DayOfWeek));
        var months = await StatsAsync(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), "MONTH");
        Assert.Equal(12, months.Count);
    }

    [Fact]
    public async Task the_most_changed_entities_and_the_most_active_users_of_a_window()
    {
        var day = OwnDay();
        var events = await PostHistoryAsync(day);
        var data = await server.QueryAsync("""
            query($from: DateTime!, $to: DateTime!) {
              topEntities(from: $from, to: $to, first: 2) { entityId count entity { fqn } }
              topUsers(from: $from, to: $to) { name count user { isBot } }
              people: topUsers(from: $from, to: $to, excludeBots: true, first: 1) { name count }
            }
            """, new { from = day, to = day.AddDays(3) });
        var top = data.GetProperty("topEntities").EnumerateArray().ToList();
        Assert.Equal((events[0].EntityId, 8L), (top[0].GetProperty("entityId").GetGuid(), top[0].GetProperty("count").GetInt64()));
        Assert.EndsWith(".orders", top[0].GetProperty("entity").GetProperty("fqn").GetString());
        Assert.Equal(2L, top[1].GetProperty("count").GetInt64());
        Assert.Equal(["ann 3", "bob 4", "carl 2", "ingestion-bot 2"],
            data.GetProperty("topUsers").EnumerateArray().Select(u => $"{u.GetProperty("name").GetString()} {u.GetProperty("count").GetInt64()}").Order());
        Assert.True(data.GetProperty("topUsers").EnumerateArray().Single(u => u.GetProperty("name").GetString() == "ingestion-bot").GetProperty("user").GetProperty("isBot").GetBoolean());
        Assert.Equal("bob", data.GetProperty("people")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("changeStats(from: \"2026-01-02T00:00:00Z\", to: \"2026-01-01T00:00:00Z\", bucket: DAY) { count }", "INVALID_ARGUMENT")]
    [InlineData("changeStats(from: \"2020-01-01T00:00:00Z\", to: \"2026-01-01T00:00:00Z\", bucket: MINUTE) { count }", "TOO_MANY_BUCKETS")]
    [InlineData("changeStats(from: \"2026-01-01T00:00:00Z\", to: \"2026-01-02T00:00:00Z\", bucket: DAY, timeZone: \"Mars/Olympus\") { count }", "INVALID_TIME_ZONE")]
    [InlineData("changeStats(from: \"2026-01-01T00:00:00Z\", to: \"2026-01-02T00:00:00Z\", bucket: DAY, groupBy: [USER, USER]) { count }", "INVALID_ARGUMENT")]
    [InlineData("topUsers(from: \"2026-01-01T00:00:00Z\", to: \"2026-01-02T00:00:00Z\", first: 1000) { name }", "INVALID_ARGUMENT")]
    public async Task impossible_statistics_are_errors_with_a_code(string field, string code)
    {
        var body = await server.GraphQLAsync($"{{ {field} }}");
        Assert.Equal(code, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}

public sealed class PostgresStatisticsTests(PostgresServerFixture fixture) : StatisticsTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteStatisticsTests(SqliteServerFixture fixture) : StatisticsTests(fixture.Server), IClassFixture<SqliteServerFixture>;
