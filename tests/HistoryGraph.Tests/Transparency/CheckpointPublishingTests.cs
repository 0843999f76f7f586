using System.Net;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Transparency;
using HistoryGraph.Tests.Notifications;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Transparency;

/// Checkpoints are made on their own as events come (every Transparency:CheckpointEvents), and
/// each one goes to the targets that keep them, which then hold a witness copy: the signed note,
/// checked here with the independent verifier and handed back to verifyHistory.
public sealed class CheckpointPublishingTests
{
    private const string AdminKey = "checkpoint-admin-key";

    [Fact]
    public async Task checkpoints_are_made_as_events_come_and_sent_to_the_targets_that_keep_them()
    {
        var key = NoteKey.Generate("publishing.example/log");
        var path = TestStores.NewSqlitePath();
        await using var receiver = await FakeReceiver.StartAsync();
        try
        {
            await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History=Data Source={path}", $"Admin:ApiKeys:0={AdminKey}",
                $"Transparency:SigningKey={key.SignerKey}", "Transparency:CheckpointEvents=3", "Transparency:CheckIntervalSeconds=0.1",
                "Notifications:AllowPrivateNetworks=true", "Notifications:PollSeconds=0.1", "Notifications:RateLimitPerMinute=6000");
            await PostgresServerFixture.WaitHealthyAsync(server);
            var created = await server.AdminGraphQLAsync(
                "mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId sendEvents sendCheckpoints } }",
                new { input = new { name = "witness", kind = "WEBHOOK", url = receiver.Url + "/witness", secret = "witness-signing-secret-0123", sendEvents = false, sendCheckpoints = true } },
                AdminKey);
            Assert.False(created.TryGetProperty("errors", out var errors), errors.ToString());
            var target = created.GetProperty("data").GetProperty("createNotificationTarget");
            Assert.Equal((false, true), (target.GetProperty("sendEvents").GetBoolean(), target.GetProperty("sendCheckpoints").GetBoolean()));

            var table = OmEvent.Created(Guid.NewGuid(), "witness.db.s.orders");
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(table, table.Next().Set("description", "one"), table.Next(minutesLater: 2).Set("description", "two")))).StatusCode);

            for (var waited = 0; receiver.Requests.Count == 0 && waited < 100; waited++)
                await Task.Delay(100);
            var message = JsonNode.Parse(Assert.Single(receiver.Requests).Body)!;
            Assert.Equal("checkpoint", message["event_type"]!.GetValue<string>());
            var note = message["payload"]!["checkpoint"]!.GetValue<string>();
            var opened = IndependentLogVerifier.OpenCheckpoint(note, key.VerifierKey);
            Assert.Equal((key.Name, 3L), (opened.Origin, opened.Size));
            Assert.Equal(Convert.ToBase64String(opened.RootHash), message["payload"]!["rootHash"]!.GetValue<string>());
            Assert.Equal(note, await server.Client.GetStringAsync("/checkpoint"));

            // The witness's copy checks the store; the events themselves were not sent to it.
            var report = await server.AdminGraphQLAsync("query($c: [String!]) { verifyHistory(checkpoints: $c) { verified checkpointsChecked } }", new { c = new[] { note } }, AdminKey);
            Assert.True(report.GetProperty("data").GetProperty("verifyHistory").GetProperty("verified").GetBoolean());
            Assert.Equal(2, report.GetProperty("data").GetProperty("verifyHistory").GetProperty("checkpointsChecked").GetInt32());
            var deliveries = await server.AdminQueryAsync("{ notificationDeliveries(first: 10) { nodes { kind checkpointNumber status } } }", AdminKey);
            var delivery = Assert.Single(deliveries.GetProperty("notificationDeliveries").GetProperty("nodes").EnumerateArray());
            Assert.Equal(("CHECKPOINT", "DELIVERED"), (delivery.GetProperty("kind").GetString(), delivery.GetProperty("status").GetString()));
        }
        finally
        {
            TestStores.DeleteSqlite(path);
        }
    }
}
