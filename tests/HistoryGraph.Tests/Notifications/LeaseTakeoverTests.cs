using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.Notifications.Messages;
using HistoryGraph.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace HistoryGraph.Tests.Notifications;

/// Two instances on one store; the one sending a target's messages is killed (SIGKILL, no
/// chance to let its lease go). Its lease, renewed by heartbeat while it lived, runs out within
/// Notifications:LeaseSeconds and the other instance takes the target over: the receiver waits
/// seconds, not the half minute a fixed lease made it wait, and gets every message.
public class LeaseTakeoverTests(ITestOutputHelper output)
{
    private const string Secret = "takeover-secret";
    private const string AdminKey = "takeover-admin-key";
    private const string Prefix = "mysql_prod.shop.public.table_";

    [Fact]
    public async Task a_killed_instances_targets_are_taken_over_within_seconds()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("takeover");
        string[] settings = [$"Admin:ApiKeys:0={AdminKey}", "Notifications:AllowPrivateNetworks=true", "Notifications:LeaseSeconds=6"];
        var first = ServerProcess.Start(ServerProcess.BuiltDll(), connectionString, Secret, settings);
        var second = ServerProcess.Start(ServerProcess.BuiltDll(), connectionString, Secret, settings);
        try
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            await first.WaitHealthyAsync(client);
            await second.WaitHealthyAsync(new HttpClient { BaseAddress = second.Address });

            // A slow receiver: the holder is busy sending when it dies.
            await using var receiver = await FakeReceiver.StartAsync();
            receiver.Delay = TimeSpan.FromMilliseconds(200);
            var created = await AdminAsync(client, "mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }", new JsonObject
            {
                ["input"] = new JsonObject
                {
                    ["name"] = "takeover", ["kind"] = "WEBHOOK", ["url"] = receiver.Url + "/hook", ["secret"] = "0123456789abcdef", ["rateLimitPerMinute"] = 6000,
                    ["filter"] = new JsonObject { ["fqn"] = new JsonObject { ["startsWith"] = Prefix } },
                },
            });
            var targetId = Guid.Parse((string)created["createNotificationTarget"]!["targetId"]!);

            var bodies = Workload.Build(60, entities: 60, Secret);
            foreach (var body in bodies)
                await Workload.SendAsync(client, body);
            await WaitAsync(() => receiver.Requests.Count >= 5, TimeSpan.FromSeconds(30));

            // Kill whichever instance holds the target now.
            var owner = await LeaseOwnerAsync(connectionString, targetId);
            var holder = owner?.Contains($":{first.ProcessId}:", StringComparison.Ordinal) == true ? first : second;
            var killed = holder.ProcessId;
            Assert.Contains($":{killed}:", owner);
            var before = receiver.Requests.Count;
            var clock = Stopwatch.StartNew();
            holder.Dispose();
            await WaitAsync(() => receiver.Requests.Count > before + 1, TimeSpan.FromSeconds(60));
            var gap = clock.Elapsed;
            await WaitAsync(() => Delivered(receiver).Count == bodies.Count, TimeSpan.FromSeconds(60));
            output.WriteLine($"Taken over {gap.TotalSeconds:0.0} s after the kill; {receiver.Requests.Count} requests for {bodies.Count} messages");

            Assert.True(gap < TimeSpan.FromSeconds(12), $"The target waited {gap.TotalSeconds:0.0} s for a new instance.");
            Assert.Equal(bodies.Count, Delivered(receiver).Count);
            Assert.DoesNotContain($":{killed}:", await LeaseOwnerAsync(connectionString, targetId) ?? "");
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }
    }

    /// Distinct messages received (a message the killed instance sent without recording it is sent again).
    private static HashSet<string> Delivered(FakeReceiver receiver) => receiver.Requests.Select(r => r.Headers[WebhookMessage.DeliveryHeader]).ToHashSet();

    private static async Task<string?> LeaseOwnerAsync(string connectionString, Guid target)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lease_owner FROM notification_targets WHERE id = @id", db);
        command.Parameters.AddWithValue("id", target);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<JsonNode> AdminAsync(HttpClient client, string query, JsonObject variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["errors"]);
        return body["data"]!;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException("The condition was not met in time.");
            await Task.Delay(50);
        }
    }
}
