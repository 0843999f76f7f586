using System.Net;
using System.Text.Json.Nodes;
using HistoryGraph.Statistics;
using HistoryGraph.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Live;

/// The `changeStats` subscription against the `changeStats` query: every update it pushes is
/// the bucket as the stored statistics count it once the commit is in. Each test counts events
/// on days of its own, years away from every other test's events.
public abstract class LiveStatisticsTests(HistoryGraphServer server)
{
    private static int _days;

    /// A day of its own at UTC midnight, a week after the last one handed out.
    private static DateTime OwnDay() => new DateTime(2045, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(7 * Interlocked.Increment(ref _days));

    private static long Milliseconds(DateTime utc) => (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;

    private const string LiveQuery = """
        subscription($bucket: TimeBucket!, $zone: String, $where: ChangeEventFilterInput, $groupBy: [ChangeStatsGroup!], $after: Long) {
          changeStats(bucket: $bucket, timeZone: $zone, where: $where, groupBy: $groupBy, after: $after) { start end count sequence groups { key keys count } }
        }
        """;

    private const string StoredQuery = """
        query($from: DateTime!, $to: DateTime!, $bucket: TimeBucket!, $zone: String, $where: ChangeEventFilterInput, $groupBy: [ChangeStatsGroup!]) {
          changeStats(from: $from, to: $to, bucket: $bucket, timeZone: $zone, where: $where, groupBy: $groupBy) { start end count groups { key keys count } }
        }
        """;

    private sealed record Arguments(string Bucket, string Zone = "UTC", object? Where = null, string[]? GroupBy = null, long? After = null)
    {
        public object Variables => new { bucket = Bucket, zone = Zone, where = Where, groupBy = GroupBy, after = After };
    }

    [Theory]
    [InlineData("transport-ws")]
    [InlineData("sse")]
    public async Task each_commit_pushes_the_buckets_it_touched_as_the_stored_statistics_count_them(string protocol)
    {
        var day = OwnDay();
        var prefix = Prefix();
        var arguments = new Arguments("DAY", Where: new { fqn = new { startsWith = prefix } }, GroupBy: ["USER"]);
        await using var client = await LiveClient.StartAsync(protocol, server, LiveQuery, arguments.Variables);

        var orders = OmEvent.Created(Guid.NewGuid(), prefix + ".orders", timestamp: Milliseconds(day.AddHours(1))) with { UserName = "ann" };
        var first = await PostAsync(orders);
        var update = await UpdateAsync(client, first);
        Assert.Equal((day, day.AddDays(1), 1L), (Start(update), End(update), (long)update["count"]!));
        Assert.Equal("ann", (string?)update["groups"]![0]!["key"]);

        // A later day, then an earlier moment of the first day delivered after it, then the first again.
        var described = orders.Next().Set("description", "placed online") with { UserName = "bob", Timestamp = Milliseconds(day.AddDays(1)) };
        Assert.Equal((day.AddDays(1), 1L), await BucketOfAsync(client, await PostAsync(described)));
        var early = described.Next().Set("description", "early") with { UserName = "ingestion-bot", Timestamp = Milliseconds(day.AddMinutes(30)) };
        Assert.Equal((day, 2L), await BucketOfAsync(client, await PostAsync(early)));
        Assert.Empty((await PostReceiptAsync(OmEvent.Batch(orders)))["sequences"]!.AsArray()); // a duplicate: no commit, no update

        // One commit that touches two buckets pushes both, in sequence order.
        var customers = OmEvent.Created(Guid.NewGuid(), prefix + ".customers", timestamp: Milliseconds(day.AddDays(2).AddHours(5))) with { UserName = "bob" };
        var retyped = early.Next() with { UserName = "carl", Timestamp = Milliseconds(day.AddDays(1).AddHours(1)) };
        var batch = (await PostReceiptAsync(OmEvent.Batch(customers, retyped)))["sequences"]!.AsArray().Select(s => (long)s!).ToList();
        await UpdateAsync(client, batch[1]);
        var pushed = client.Results.Select(r => r["changeStats"]!).SkipWhile(u => (long)u["sequence"]! < batch[0]).ToList();
        Assert.Equal([(day.AddDays(2), 1L), (day.AddDays(1), 2L)], pushed.Select(u => (Start(u), (long)u["count"]!)));

        var sequences = client.Results.Select(r => (long)r["changeStats"]!["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);
        await AssertEqualsStoredAsync(client, arguments, 3);
        // Anything from a match outside the filter is not counted.
        await PostAsync(OmEvent.Created(Guid.NewGuid(), "elsewhere." + prefix, timestamp: Milliseconds(day.AddHours(3))));
        await Task.Delay(300);
        Assert.Equal(5, client.Results.Count);
    }

    [Fact]
    public async Task actor_kinds_are_counted_live_as_the_stored_statistics_count_them()
    {
        var day = OwnDay();
        var prefix = Prefix();
        var arguments = new Arguments("DAY", Where: new { fqn = new { startsWith = prefix } }, GroupBy: ["ACTOR_KIND"]);
        await using var client = await LiveClient.StartAsync("transport-ws", server, LiveQuery, arguments.Variables);

        var table = OmEvent.Created(Guid.NewGuid(), prefix + ".t", timestamp: Milliseconds(day.AddHours(1))) with { UserName = "ann" };
        await PostAsync(table);
        var byBot = table.Next().Set("description", "profiled") with { UserName = "ingestion-bot" };
        await PostAsync(byBot);
        var byAgent = byBot.Next().Set("description", "written by an agent") with { UserName = "ann", ImpersonatedBy = "mcp-agent" };
        var update = await UpdateAsync(client, await PostAsync(byAgent));
        Assert.Equal(["AGENT:1", "BOT:1", "HUMAN:1"], update["groups"]!.AsArray().Select(g => $"{g!["key"]}:{g["count"]}").Order(StringComparer.Ordinal));
        await AssertEqualsStoredAsync(client, arguments, 1);
    }

    [Fact]
    public async Task without_a_filter_the_count_starts_from_what_was_stored_before_the_subscription()
    {
        var day = OwnDay();
        var prefix = Prefix();
        var table = OmEvent.Created(Guid.NewGuid(), prefix + ".t", timestamp: Milliseconds(day.AddHours(10)));
        await PostAsync(table);
        await PostAsync(table.Next(minutesLater: 30).Set("description", "before"));
        var arguments = new Arguments("DAY", "Asia/Kathmandu", GroupBy: ["EVENT_TYPE"]);
        await using var client = await LiveClient.StartAsync("transport-ws", server, LiveQuery, arguments.Variables);

        var later = table.Next(minutesLater: 90).Set("description", "after") with { UserName = "ann" };
        var update = await UpdateAsync(client, await PostAsync(later));
        // Kathmandu is 5:45 ahead: its day starts at 18:15 UTC the day before.
        Assert.Equal(day.AddHours(-5.75), Start(update));
        Assert.Equal(3, (long)update["count"]!);
        Assert.Equal(["entityUpdated:2", "entityCreated:1"], update["groups"]!.AsArray().Select(g => $"{g!["key"]}:{g["count"]}"));
        await PostAsync(OmEvent.Created(Guid.NewGuid(), prefix + ".u", timestamp: Milliseconds(day.AddHours(20))));
        await AssertEqualsStoredAsync(client, arguments, 2);
    }

    [Fact]
    public async Task a_subscriber_that_resumes_after_its_last_sequence_receives_every_bucket_touched_while_it_was_away()
    {
        var day = OwnDay();
        var prefix = Prefix();
        var arguments = new Arguments("HOUR", Where: new { fqn = new { startsWith = prefix } }, GroupBy: ["IS_BOT", "EVENT_TYPE"]);
        await using var client = await LiveClient.StartAsync("transport-ws", server, LiveQuery, arguments.Variables,
            dropAfter: 1, pauseMs: 1500, sequencePath: "changeStats.sequence");
        var table = OmEvent.Created(Guid.NewGuid(), prefix + ".t", timestamp: Milliseconds(day.AddHours(1)));
        await PostAsync(table);
        await client.WaitForAsync("paused");
        var botEdit = table.Next(minutesLater: 60) with { UserName = "ingestion-bot" };
        var later = botEdit.Next(minutesLater: 60);
        var late = later.Next() with { Timestamp = Milliseconds(day.AddHours(1).AddMinutes(5)) };
        long[] away = [await PostAsync(botEdit), await PostAsync(later), await PostAsync(late)];
        await client.WaitForAsync("resumed");

        var buckets = await AssertEqualsStoredAsync(client, arguments, 3);
        Assert.Equal([2L, 1L, 1L], buckets.Values.OrderBy(Start).Select(b => (long)b["count"]!));
        var resumed = client.Results.Skip(1).Select(r => r["changeStats"]!).ToList();
        Assert.Equal(away, resumed.Select(u => (long)u["sequence"]!).Order());
        // Live again after the replay, from the same position.
        await UpdateAsync(client, await PostAsync(late.Next() with { Timestamp = Milliseconds(day.AddHours(4)) }));
        await AssertEqualsStoredAsync(client, arguments, 4);
    }

    [Fact]
    public async Task subscribers_with_the_same_arguments_share_one_count_and_receive_the_same_updates()
    {
        var live = server.Services.GetRequiredService<LiveChangeStats>();
        await UntilAsync(() => live.Count == 0); // the earlier tests' subscriptions have ended
        var day = OwnDay();
        var prefix = Prefix();
        var arguments = new Arguments("MINUTE", "Europe/Berlin", new { fqn = new { startsWith = prefix } }, ["CATEGORY"]);
        var clients = new List<LiveClient>();
        try
        {
            for (var i = 0; i < 3; i++)
                clients.Add(await LiveClient.StartAsync(i == 1 ? "sse" : "transport-ws", server, LiveQuery, arguments.Variables));
            Assert.Equal(1, live.Count);

            var table = OmEvent.Created(Guid.NewGuid(), prefix + ".t", timestamp: Milliseconds(day.AddSeconds(10)));
            await PostAsync(table);
            var last = await PostAsync(table.Next(minutesLater: 0).Set("description", "d") with { Timestamp = Milliseconds(day.AddSeconds(20)) });
            var seen = new List<string>();
            foreach (var client in clients)
                seen.Add((await UpdateAsync(client, last)).ToJsonString());
            Assert.All(seen, s => Assert.Equal(seen[0], s));
            await AssertEqualsStoredAsync(clients[0], arguments, 1);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
        await UntilAsync(() => live.Count == 0);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True(condition());
    }

    [Theory]
    [InlineData("""subscription { changeStats(bucket: DAY, timeZone: "Mars/Olympus") { count } }""", "INVALID_TIME_ZONE")]
    [InlineData("""subscription { changeStats(bucket: DAY, groupBy: [USER, USER]) { count } }""", "INVALID_ARGUMENT")]
    public async Task arguments_it_cannot_take_are_an_error_with_a_code(string query, string code)
    {
        await using var client = await LiveClient.StartAsync("transport-ws", server, query, waitUntilSubscribed: false);
        var error = await client.WaitForAsync("error");
        Assert.Contains(code, error.ToJsonString());
    }

    [Fact]
    public async Task a_filter_it_cannot_take_is_the_subscribe_requests_error()
    {
        var where = "{ fqn: { eq: \"x\" } }";
        for (var i = 0; i < 14; i++)
            where = $"{{ and: [{where}] }}";
        await using var client = await LiveClient.StartAsync("transport-ws", server, $"subscription {{ changeStats(bucket: DAY, where: {where}) {{ count }} }}", waitUntilSubscribed: false);
        Assert.Contains("FILTER_TOO_DEEP", (await client.WaitForAsync("error")).ToJsonString());
    }

    /// The update the commit of `sequence` pushed, waited for.
    private static async Task<JsonNode> UpdateAsync(LiveClient client, long sequence)
    {
        var line = await client.WaitForAsync(lines => lines.LastOrDefault(l => (long?)l["data"]?["changeStats"]?["sequence"] == sequence), $"the update of event {sequence}");
        return line["data"]!["changeStats"]!;
    }

    private static async Task<(DateTime Start, long Count)> BucketOfAsync(LiveClient client, long sequence)
    {
        var update = await UpdateAsync(client, sequence);
        return (Start(update), (long)update["count"]!);
    }

    /// Waits until the latest update of each of `buckets` buckets equals what the query answers
    /// for that bucket, and returns them.
    private async Task<Dictionary<DateTime, JsonNode>> AssertEqualsStoredAsync(LiveClient client, Arguments arguments, int buckets)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var latest = client.Results.Select(r => r["changeStats"]!).GroupBy(Start).ToDictionary(g => g.Key, g => g.Last());
            var differences = new List<string>();
            foreach (var update in latest.Values)
            {
                var stored = await StoredAsync(Start(update), End(update), arguments);
                var live = update.DeepClone().AsObject();
                live.Remove("sequence");
                if (live.ToJsonString() != stored)
                    differences.Add($"live {live.ToJsonString()} stored {stored}");
            }
            if (latest.Count == buckets && differences.Count == 0)
                return latest;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{latest.Count} buckets, {buckets} expected; {string.Join("; ", differences)}");
            await Task.Delay(100);
        }
    }

    private async Task<string> StoredAsync(DateTime from, DateTime to, Arguments arguments)
    {
        var result = await server.QueryAsync(StoredQuery, new { from, to, bucket = arguments.Bucket, zone = arguments.Zone, where = arguments.Where, groupBy = arguments.GroupBy });
        var bucket = Assert.Single(result.GetProperty("changeStats").EnumerateArray().ToList());
        return JsonNode.Parse(bucket.GetRawText())!.ToJsonString();
    }

    private static DateTime Start(JsonNode? bucket) => DateTime.Parse((string)bucket!["start"]!).ToUniversalTime();

    private static DateTime End(JsonNode? bucket) => DateTime.Parse((string)bucket!["end"]!).ToUniversalTime();

    private async Task<long> PostAsync(OmEvent e) => (long)(await PostReceiptAsync(e.ToJson()))["sequences"]![0]!;

    private async Task<JsonNode> PostReceiptAsync(string body)
    {
        var response = await server.PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static string Prefix() => "livestats" + Guid.NewGuid().ToString("N")[..8];
}

public sealed class PostgresLiveStatisticsTests(PostgresServerFixture fixture) : LiveStatisticsTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteLiveStatisticsTests(SqliteServerFixture fixture) : LiveStatisticsTests(fixture.Server), IClassFixture<SqliteServerFixture>;
