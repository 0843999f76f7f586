using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.TestSupport;
using HistoryGraph.Tests.Live;
using HistoryGraph.Tests.Notifications;
using Xunit.Abstractions;

namespace HistoryGraph.Tests.Hosting;

/// /metrics read as Prometheus reads it, from the server as its own process on PostgreSQL,
/// after a known mix of traffic sent while other clients query and subscribe: every figure
/// equals what the clients sent and were answered.
public class MetricsTests(ITestOutputHelper output)
{
    private const string Secret = "metrics-secret";
    private const string AdminKey = "metrics-admin-key";
    private const string TrustedQuery = "query TypenameProbe { __typename }";
    private const string Subscription = "subscription { changes { sequence } }";

    [Fact]
    public async Task metrics_equal_what_clients_sent_and_were_answered_under_load()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("metrics");
        var documents = Directory.CreateTempSubdirectory("historygraph-trusted-");
        var trustedId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TrustedQuery)));
        await File.WriteAllTextAsync(Path.Combine(documents.FullName, trustedId + ".graphql"), TrustedQuery);
        using var server = ServerProcess.Start(ServerProcess.BuiltDll(), connectionString, Secret, $"GraphQL:TrustedDocuments:Directory={documents.FullName}",
            $"Admin:ApiKeys:0={AdminKey}", "Notifications:AllowPrivateNetworks=true");
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        await server.WaitHealthyAsync(client);

        // A webhook target for the events of tables 7 and 70-79: 44 of the 600.
        await using var receiver = await FakeReceiver.StartAsync();
        var target = new JsonObject
        {
            ["name"] = "metrics-target", ["kind"] = "WEBHOOK", ["url"] = receiver.Url + "/hook", ["secret"] = "0123456789abcdef", ["rateLimitPerMinute"] = 6000,
            ["filter"] = new JsonObject { ["fqn"] = new JsonObject { ["startsWith"] = "mysql_prod.shop.public.table_7" } },
        };
        var created = await PostGraphQLAsync(client, new JsonObject
        {
            ["query"] = "mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }",
            ["variables"] = new JsonObject { ["input"] = target },
        }, HttpStatusCode.OK, AdminKey);
        Assert.DoesNotContain("errors", created);

        // Live clients of each transport, subscribed while the rest goes on.
        var sockets = new List<ProtocolSocket>();
        for (var i = 0; i < 3; i++)
        {
            var socket = await ProtocolSocket.ConnectAsync(server.Address);
            await socket.InitAsync();
            await socket.SendAsync(new JsonObject { ["id"] = "1", ["type"] = "subscribe", ["payload"] = new JsonObject { ["query"] = Subscription } });
            sockets.Add(socket);
        }
        for (var i = 0; i < 2; i++)
        {
            var socket = await ProtocolSocket.ConnectAsync(server.Address, "graphql-ws");
            await socket.InitAsync();
            await socket.SendAsync(new JsonObject { ["id"] = "1", ["type"] = "start", ["payload"] = new JsonObject { ["query"] = Subscription } });
            sockets.Add(socket);
        }
        using var streams = new CancellationTokenSource();
        var sse = Enumerable.Range(0, 2).Select(_ => HoldEventStreamAsync(server.Address, streams.Token)).ToList();

        // 600 new deliveries from four senders at once, with GraphQL requests beside them.
        var bodies = Workload.Build(600, entities: 150, Secret);
        var sequences = new ConcurrentBag<long>();
        var sending = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            for (var i = s; i < bodies.Count; i += 4)
                sequences.Add(await Workload.SendAsync(client, bodies[i]));
        })).ToList();
        var querying = Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
                await PostGraphQLAsync(client, new JsonObject { ["query"] = "query MadeUpName { __typename }" }, HttpStatusCode.OK);
            for (var i = 0; i < 5; i++)
                await PostGraphQLAsync(client, new JsonObject { ["documentId"] = "sha256:" + trustedId }, HttpStatusCode.OK);
            for (var i = 0; i < 2; i++)
                await PostGraphQLAsync(client, new JsonObject { ["query"] = "{ noSuchField }" }, HttpStatusCode.BadRequest);
        });
        await Task.WhenAll(sending.Append(querying));

        // Redeliveries, forged signatures and an unreadable body.
        foreach (var body in bodies.Take(20))
            Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(client, body.Bytes, body.Signature)).StatusCode);
        for (var i = 0; i < 7; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(client, bodies[i].Bytes, "sha256=AAAA")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            var broken = Encoding.UTF8.GetBytes($"{{\"eventType\": \"entityCreated\", broken {i}");
            Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(client, broken, WebhookSignature.Sign(broken, Secret))).StatusCode);
        }
        await ServerProcess.WaitForFeedAsync(client, sequences.Max());
        var notified = bodies.Count(b => ((string)JsonNode.Parse(b.Bytes)!["entityFullyQualifiedName"]!).StartsWith("mysql_prod.shop.public.table_7", StringComparison.Ordinal));
        for (var waited = 0; receiver.Requests.Count < notified && waited < 600; waited++)
            await Task.Delay(100);
        Assert.Equal(notified, receiver.Requests.Count);

        var scrape = await PrometheusScrape.ReadAsync(client);
        foreach (var family in scrape.Types.OrderBy(t => t.Key))
            output.WriteLine($"{family.Value,-10} {family.Key} {string.Join(",", scrape.Samples.Where(s => s.Name.StartsWith(family.Key, StringComparison.Ordinal)).SelectMany(s => s.Labels.Keys).Distinct())}");

        Assert.Equal(600, scrape.Sum("historygraph_webhook_deliveries_total", "outcome=stored", "status=200"));
        Assert.Equal(20, scrape.Sum("historygraph_webhook_deliveries_total", "outcome=duplicate", "status=200"));
        Assert.Equal(7, scrape.Sum("historygraph_webhook_deliveries_total", "outcome=refused", "status=401"));
        Assert.Equal(3, scrape.Sum("historygraph_webhook_deliveries_total", "outcome=rejected", "status=400"));
        Assert.Equal(600, scrape.Sum("historygraph_webhook_acknowledgement_duration_seconds_count", "outcome=stored"));
        Assert.Equal(630, scrape.Sum("historygraph_webhook_acknowledgement_duration_seconds_count"));
        Assert.Equal(600, scrape.Sum("historygraph_events_stored_total", "origin=WEBHOOK"));
        Assert.Equal("counter", scrape.Types["historygraph_events_stored_total"]);
        // Every event the writer was given, new or already stored, in groups that it timed.
        Assert.Equal(620, scrape.Sum("historygraph_writer_group_size_sum"));
        Assert.Equal(scrape.Sum("historygraph_writer_group_size_count"), scrape.Sum("historygraph_writer_commit_duration_seconds_count"));
        Assert.Equal(0, scrape.Sum("historygraph_writer_queue_depth"));
        Assert.Equal(sequences.Max(), scrape.Sum("historygraph_feed_sequence"));
        var newest = DateTimeOffset.FromUnixTimeMilliseconds(bodies.Max(b => (long)JsonNode.Parse(b.Bytes)!["timestamp"]!)).UtcDateTime;
        Assert.InRange(scrape.Sum("historygraph_feed_lag_seconds"), (DateTime.UtcNow - newest).TotalSeconds - 60, (DateTime.UtcNow - newest).TotalSeconds + 1);
        // The same deliveries as ASP.NET Core counted them.
        Assert.Equal(620, scrape.Sum("http_server_request_duration_seconds_count", "http_route=/webhook/openmetadata", "http_response_status_code=200"));

        // Operations by name only for the trusted document; the made-up name is anonymous.
        Assert.Equal(5, scrape.Sum("historygraph_graphql_operations_total", "operation=TypenameProbe", "type=query", "error=none"));
        Assert.Equal(12, scrape.Sum("historygraph_graphql_operations_total", "operation=anonymous", "type=query", "error=none"));
        Assert.DoesNotContain(scrape.Matching("historygraph_graphql_operations_total"), s => s.Labels["operation"] == "MadeUpName");
        Assert.Equal(2, scrape.Matching("historygraph_graphql_operations_total").Where(s => s.Labels["error"] != "none").Sum(s => s.Value));
        Assert.Equal(5, scrape.Sum("historygraph_graphql_operation_duration_seconds_count", "operation=TypenameProbe"));
        Assert.Equal(5, scrape.Sum("historygraph_graphql_operation_cost_count", "operation=TypenameProbe"));

        Assert.Equal(3, scrape.Sum("historygraph_live_connections", "transport=graphql-transport-ws"));
        Assert.Equal(2, scrape.Sum("historygraph_live_connections", "transport=graphql-ws"));
        Assert.Equal(2, scrape.Sum("historygraph_live_connections", "transport=sse"));
        Assert.Equal(3, scrape.Sum("historygraph_live_subscriptions", "transport=graphql-transport-ws"));
        Assert.Equal(2, scrape.Sum("historygraph_live_subscriptions", "transport=graphql-ws"));
        Assert.Equal(2, scrape.Sum("historygraph_live_subscriptions", "transport=sse"));

        Assert.Equal(notified, scrape.Sum("historygraph_notification_attempts_total", "kind=WEBHOOK", "outcome=delivered"));
        Assert.Equal(0, scrape.Sum("historygraph_notification_attempts_total", "outcome=failed"));
        Assert.Equal(notified, scrape.Sum("historygraph_notification_attempt_duration_seconds_count", "kind=WEBHOOK"));

        Assert.Equal(1, scrape.Sum("historygraph_store_available"));
        Assert.Equal(1, scrape.Sum("historygraph_ready"));
        Assert.Equal(0, scrape.Sum("historygraph_completeness_gaps"));
        // Npgsql's pool: connections of this server's data sources, some in use or idle.
        Assert.True(scrape.Sum("db_client_connection_count") > 0, "Npgsql's connection metrics are missing.");

        // Every metric the shipped dashboard and alert rules read is one this server serves.
        var named = MonitoringFiles.MetricNames();
        Assert.True(named.Count > 20, $"Only {named.Count} metric names were found in the dashboard and the rules.");
        var missing = named.Where(n => !scrape.Names.Contains(n.Metric)).Select(n => $"{n.Metric} ({n.File})").ToList();
        Assert.True(missing.Count == 0, "Named in the monitoring files but not served: " + string.Join(", ", missing));

        await streams.CancelAsync();
        await Task.WhenAll(sse);
        foreach (var socket in sockets)
            await socket.DisposeAsync();
        documents.Delete(recursive: true);
    }

    private static async Task<string> PostGraphQLAsync(HttpClient client, JsonObject request, HttpStatusCode expected, string? apiKey = null)
    {
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (apiKey is not null)
            message.Headers.Add("X-Api-Key", apiKey);
        using var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{request} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(HttpClient client, byte[] body, string signature)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = content };
        request.Headers.Add(WebhookSignature.HeaderName, signature);
        return await client.SendAsync(request);
    }

    private static async Task HoldEventStreamAsync(Uri address, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = Subscription }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        try
        {
            while (await body.ReadAsync(buffer, stop) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
