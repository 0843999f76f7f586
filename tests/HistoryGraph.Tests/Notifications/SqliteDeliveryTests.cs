using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Notifications;

/// The embedded store delivers too: on SQLite (no row locks, one instance), each matching
/// event reaches the receiver once and in order, a failure is retried, and a digest is sent.
public sealed class SqliteDeliveryTests
{
    private const string AdminKey = "sqlite-admin-key";

    [Fact]
    public async Task on_sqlite_each_matching_event_is_delivered_once_in_order_through_a_failure_and_a_digest_is_sent()
    {
        var path = TestStores.NewSqlitePath();
        await using var receiver = await FakeReceiver.StartAsync();
        receiver.Respond = (_, count) => count == 2 ? new FakeReceiver.Answer(503, "busy") : null;
        try
        {
            await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History=Data Source={path}", $"Admin:ApiKeys:0={AdminKey}",
                "Notifications:AllowPrivateNetworks=true", "Notifications:PollSeconds=0.1", "Notifications:FirstRetrySeconds=0.2", "Notifications:RateLimitPerMinute=6000");
            await PostgresServerFixture.WaitHealthyAsync(server);
            var created = await server.AdminGraphQLAsync("mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }",
                new { input = new { name = "sqlite", kind = "WEBHOOK", url = receiver.Url + "/hook", secret = "sqlite-signing-secret-0123", filter = new { fqn = new { startsWith = "lite." } } } }, AdminKey);
            var id = created.GetProperty("data").GetProperty("createNotificationTarget").GetProperty("targetId").GetString();
            var table = OmEvent.Created(Guid.NewGuid(), "lite.db.s.orders", timestamp: new DateTimeOffset(2031, 5, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(table, table.Next().Set("description", JsonValue.Create("Orders")), table.Next(minutesLater: 2),
                OmEvent.Created(Guid.NewGuid(), "heavy.db.s.other")))).StatusCode);

            List<JsonElement> nodes = [];
            for (var waited = 0; waited < 200; waited++)
            {
                nodes = (await server.AdminGraphQLAsync($$"""{ notificationDeliveries(first: 10, where: { targetId: { eq: "{{id}}" } }, order: [{ number: ASC }]) { nodes { status attempts eventSequence } } }""", null, AdminKey))
                    .GetProperty("data").GetProperty("notificationDeliveries").GetProperty("nodes").EnumerateArray().ToList();
                if (nodes.Count == 3 && nodes.All(n => n.GetProperty("status").GetString() == "DELIVERED"))
                    break;
                await Task.Delay(100);
            }
            Assert.Equal(["DELIVERED", "DELIVERED", "DELIVERED"], nodes.Select(n => n.GetProperty("status").GetString()));
            Assert.Equal([1, 2, 1], nodes.Select(n => n.GetProperty("attempts").GetInt32()));
            var accepted = receiver.Requests.Where((_, i) => i != 1).Select(r => JsonNode.Parse(r.Body)!["payload"]!["sequence"]!.GetValue<long>()).ToList();
            Assert.Equal(nodes.Select(n => n.GetProperty("eventSequence").GetInt64()), accepted);

            var digest = await server.AdminGraphQLAsync("mutation($id: UUID!) { sendDigest(targetId: $id, from: \"2031-05-01T00:00:00Z\", to: \"2031-05-02T00:00:00Z\") { number } }", new { id }, AdminKey);
            Assert.False(digest.TryGetProperty("errors", out var errors), errors.ToString());
            for (var waited = 0; receiver.Requests.Count < 5 && waited < 100; waited++)
                await Task.Delay(100);
            var report = JsonNode.Parse(receiver.Requests[^1].Body)!;
            Assert.Equal("digest", report["event_type"]!.GetValue<string>());
            Assert.Equal(3, report["payload"]!["events"]!.GetValue<long>());
        }
        finally
        {
            TestStores.DeleteSqlite(path);
        }
    }
}
