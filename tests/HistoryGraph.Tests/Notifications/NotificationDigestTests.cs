using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Notifications;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Notifications;

/// Digests on PostgreSQL: a digest's numbers are the stored history's (checked against the
/// GraphQL queries over the same period and filter), a past period is previewed and sent on
/// demand, schedules fire in the target's time zone, and an empty period is not sent unless asked.
public sealed class NotificationDigestTests(NotificationDigestTests.Fixture fixture) : IClassFixture<NotificationDigestTests.Fixture>
{
    public const string AdminKey = "digest-admin-key";

    public sealed class Fixture : ReceiverServerFixture
    {
        public override string AdminKey => NotificationDigestTests.AdminKey;

        protected override string[] Settings => ["Notifications:PollSeconds=0.1", "Notifications:DigestCheckSeconds=0.2",
            "Notifications:RateLimitPerMinute=6000", "Notifications:OpenMetadataUrl=https://om.example.com"];
    }

    private HistoryGraphServer Server => fixture.Server;

    private async Task<JsonElement> AdminAsync(string query, object? variables = null)
    {
        var body = await Server.AdminGraphQLAsync(query, variables, AdminKey);
        return body.TryGetProperty("errors", out var errors) ? throw new Xunit.Sdk.XunitException(errors.ToString()) : body.GetProperty("data");
    }

    private async Task<string> CreateTargetAsync(object input) =>
        (await AdminAsync("mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }", new { input }))
            .GetProperty("createNotificationTarget").GetProperty("targetId").GetString()!;

    private static long At(int day, int hour) => new DateTimeOffset(2031, 3, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public async Task a_digest_says_what_the_stored_history_says_for_its_period_and_filter()
    {
        var prefix = "digest" + Guid.NewGuid().ToString("N")[..8];
        var orders = OmEvent.Created(Guid.NewGuid(), $"{prefix}.orders", timestamp: At(10, 1)) with { UserName = "alice" };
        var ordersDescribed = orders.Next(minutesLater: 60).Set("description", JsonValue.Create("All orders")) with { UserName = "alice" };
        var ordersRetyped = ordersDescribed.Next(minutesLater: 60).Change("fieldsUpdated", "columns.amount.dataType", JsonValue.Create("INT"), JsonValue.Create("BIGINT")) with { UserName = "bob" };
        var users = OmEvent.Created(Guid.NewGuid(), $"{prefix}.users", timestamp: At(10, 5)) with { UserName = "ingestion-bot" };
        var usersGone = users.Next("entityDeleted", minutesLater: 120) with { UserName = "carol" };
        var before = OmEvent.Created(Guid.NewGuid(), $"{prefix}.before", timestamp: At(9, 23)) with { UserName = "alice" };
        var after = OmEvent.Created(Guid.NewGuid(), $"{prefix}.after", timestamp: At(11, 0)) with { UserName = "alice" };
        var elsewhere = OmEvent.Created(Guid.NewGuid(), $"other{prefix}.x", timestamp: At(10, 2)) with { UserName = "alice" };
        Assert.Equal(HttpStatusCode.OK, (await Server.PostAsync(OmEvent.Batch(orders, ordersDescribed, ordersRetyped, users, usersGone, before, after, elsewhere))).StatusCode);
        var id = await CreateTargetAsync(new { name = prefix, kind = "WEBHOOK", url = $"{fixture.Receiver.Url}/{prefix}", secret = "digest-secret-0123456789", filter = new { fqn = new { startsWith = prefix + "." } } });
        var (from, to) = ("2031-03-10T00:00:00Z", "2031-03-11T00:00:00Z");

        var digest = (await AdminAsync("""
            query($id: UUID!, $from: DateTime!, $to: DateTime!) { notificationDigest(targetId: $id, from: $from, to: $to) { title summary empty report message } }
            """, new { id, from, to })).GetProperty("notificationDigest");

        // The same period and filter through the GraphQL API.
        var history = await AdminAsync($$"""
            { all: events(first: 50, where: { fqn: { startsWith: "{{prefix}}." }, timestamp: { gte: "{{from}}", lt: "{{to}}" } }) { totalCount nodes { eventType userName fqn breaking } } }
            """);
        var events = history.GetProperty("all").GetProperty("nodes").EnumerateArray().ToList();
        var report = JsonNode.Parse(digest.GetProperty("report").GetRawText())!;
        Assert.Equal(history.GetProperty("all").GetProperty("totalCount").GetInt64(), report["events"]!.GetValue<long>());
        Assert.Equal(5, report["events"]!.GetValue<long>());
        foreach (var group in events.GroupBy(e => e.GetProperty("eventType").GetString()!))
            Assert.Equal(group.Count(), report["byEventType"]![group.Key]!.GetValue<long>());
        Assert.Equal(events.Count(e => e.GetProperty("breaking").GetBoolean()), report["breakingChanges"]!.GetValue<long>());
        Assert.Equal(1, report["breakingChanges"]!.GetValue<long>());
        Assert.Equal(1, report["deletions"]!.GetValue<long>());
        Assert.Equal(2, report["assets"]!.GetValue<long>());
        Assert.Equal($"{prefix}.orders", report["mostChangedAssets"]![0]!["fqn"]!.GetValue<string>());
        Assert.Equal(3, report["mostChangedAssets"]![0]!["events"]!.GetValue<long>());
        Assert.Equal($"https://om.example.com/table/{prefix}.orders", report["mostChangedAssets"]![0]!["link"]!.GetValue<string>());
        Assert.Equal([("alice", 2L), ("bob", 1L), ("carol", 1L)], report["mostActiveUsers"]!.AsArray().Select(u => (u!["name"]!.GetValue<string>(), u["events"]!.GetValue<long>())));
        Assert.Equal([("ingestion-bot", 1L)], report["mostActiveBots"]!.AsArray().Select(u => (u!["name"]!.GetValue<string>(), u["events"]!.GetValue<long>())));
        Assert.Equal("📊 Digest: 5 changes", digest.GetProperty("title").GetString());
        Assert.False(digest.GetProperty("empty").GetBoolean());
        Assert.Equal("digest", digest.GetProperty("message").GetProperty("event_type").GetString());

        var sent = (await AdminAsync("mutation($id: UUID!, $from: DateTime!, $to: DateTime!) { sendDigest(targetId: $id, from: $from, to: $to) { number kind digestPeriod } }", new { id, from, to }))
            .GetProperty("sendDigest");
        Assert.Equal("CUSTOM", sent.GetProperty("digestPeriod").GetString());
        for (var waited = 0; fixture.Receiver.Requests.All(r => !r.Path.EndsWith(prefix, StringComparison.Ordinal)) && waited < 300; waited++)
            await Task.Delay(100);
        var received = JsonNode.Parse(Assert.Single(fixture.Receiver.Requests, r => r.Path.EndsWith(prefix, StringComparison.Ordinal)).Body)!;
        Assert.Equal(report.ToJsonString(), received["payload"]!.ToJsonString());
    }

    [Fact]
    public async Task a_schedule_fires_in_the_target_time_zone_once_per_period_and_an_empty_period_is_skipped_unless_asked()
    {
        var prefix = "sched" + Guid.NewGuid().ToString("N")[..8];
        var filter = new { fqn = new { startsWith = prefix + "." } };
        var sent = await CreateTargetAsync(new
        {
            name = prefix + "-sent", kind = "WEBHOOK", url = $"{fixture.Receiver.Url}/{prefix}-sent", secret = "digest-secret-0123456789", filter,
            timeZone = "America/New_York", digests = new[] { new { period = "DAILY", cron = "*/2 * * * * *", sendWhenEmpty = true } },
        });
        var skipped = await CreateTargetAsync(new
        {
            name = prefix + "-skipped", kind = "WEBHOOK", url = $"{fixture.Receiver.Url}/{prefix}-skipped", secret = "digest-secret-0123456789", filter,
            digests = new[] { new { period = "WEEKLY", cron = "*/2 * * * * *" } },
        });

        List<JsonElement> Deliveries(JsonElement data) => data.GetProperty("notificationDeliveries").GetProperty("nodes").EnumerateArray().ToList();
        var query = """
            query($id: UUID!) { notificationDeliveries(first: 50, where: { targetId: { eq: $id }, kind: { eq: DIGEST } }, order: [{ number: ASC }]) {
              nodes { status digestPeriod periodStart periodEnd requestedBy error } } }
            """;
        List<JsonElement> sentDigests = [], skippedDigests = [];
        for (var waited = 0; waited < 100; waited++)
        {
            sentDigests = Deliveries(await AdminAsync(query, new { id = sent })).Where(d => d.GetProperty("status").GetString() == "DELIVERED").ToList();
            skippedDigests = Deliveries(await AdminAsync(query, new { id = skipped })).Where(d => d.GetProperty("status").GetString() == "SKIPPED").ToList();
            if (sentDigests.Count >= 2 && skippedDigests.Count >= 1)
                break;
            await Task.Delay(100);
        }
        Assert.True(sentDigests.Count >= 2, "the two-second schedule did not fire twice within 10 s");
        Assert.NotEmpty(skippedDigests);
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Path.EndsWith(prefix + "-skipped", StringComparison.Ordinal));

        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var ends = sentDigests.Select(d => d.GetProperty("periodEnd").GetDateTime().ToUniversalTime()).ToList();
        Assert.Equal(ends.Count, ends.Distinct().Count());
        foreach (var digest in sentDigests)
        {
            var end = digest.GetProperty("periodEnd").GetDateTime().ToUniversalTime();
            Assert.Equal(0, end.Second % 2);
            Assert.Equal(DigestScheduler.PeriodStart(end, DigestPeriod.Daily, zone), digest.GetProperty("periodStart").GetDateTime().ToUniversalTime());
            Assert.Equal("schedule", digest.GetProperty("requestedBy").GetString());
        }
        Assert.Equal("WEEKLY", skippedDigests[0].GetProperty("digestPeriod").GetString());
    }

    [Fact]
    public void a_daily_period_across_a_change_of_clocks_starts_at_the_same_local_hour()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        // 09:00 in Paris on the day clocks go forward (2026-03-29): 07:00Z, after 08:00Z the day before.
        var end = new DateTime(2026, 3, 29, 7, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 3, 28, 8, 0, 0, DateTimeKind.Utc), DigestScheduler.PeriodStart(end, DigestPeriod.Daily, paris));
        Assert.Equal(new DateTime(2026, 3, 22, 8, 0, 0, DateTimeKind.Utc), DigestScheduler.PeriodStart(end, DigestPeriod.Weekly, paris));
    }

    [Fact]
    public void a_schedule_is_read_in_the_target_time_zone_and_only_its_latest_firing_counts()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var from = new DateTime(2026, 11, 20, 0, 30, 0, DateTimeKind.Utc);

        // 09:00 in Tokyo is 00:00Z: after a week away, the last one only.
        Assert.Equal(new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc), DigestScheduler.LatestFiring("0 9 * * *", tokyo, from, new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Null(DigestScheduler.LatestFiring("0 9 * * *", tokyo, from, new DateTime(2026, 11, 20, 23, 59, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), DigestScheduler.LatestFiring("0 9 * * MON", tokyo, from, new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc)));
    }
}
