using System.Net;
using System.Net.Http.Json;
using System.Text;
using HistoryGraph.TestSupport;
using HistoryGraph.Tests.Notifications;

namespace HistoryGraph.Tests.Hosting;

/// With Telemetry:OtlpEndpoint set, metrics and traces go to the collector over OTLP/HTTP: a
/// receiver standing in for the collector gets HistoryGraph's metrics under their OTLP names and
/// the spans of a delivery (the request, the delivery, the commit with its statements) and of a
/// GraphQL operation. Protobuf keeps names as plain UTF-8, which is what is looked for.
public class OtlpExportTests
{
    [Fact]
    public async Task metrics_and_traces_reach_an_otlp_collector()
    {
        await using var collector = await FakeReceiver.StartAsync();
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("otlp");
        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString}",
            $"Telemetry:OtlpEndpoint={collector.Url}", "Telemetry:OtlpProtocol=http/protobuf", "Telemetry:ServiceName=historygraph-otlp-test",
            "OTEL_METRIC_EXPORT_INTERVAL=500", "OTEL_BSP_SCHEDULE_DELAY=200");
        await PostgresServerFixture.WaitHealthyAsync(server);

        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(OmEvent.Created(Guid.NewGuid(), "mysql.shop.public.otlp")))).StatusCode);
        using var query = await server.Client.PostAsJsonAsync("/graphql", new { query = "{ events(first: 1) { totalCount } }" });
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);

        string Sent(string path) => string.Join('\n', collector.Requests.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));
        // Counters are exported from the start (at 0); what the requests made arrives with a
        // later export: wait for all of it.
        string[] metricNames = ["historygraph.webhook.deliveries", "historygraph.webhook.acknowledgement.duration", "historygraph.events.stored", "http.server.request.duration", "historygraph-otlp-test"];
        // The commit's statements come as Npgsql's own spans ("postgresql").
        string[] spanNames = ["webhook.delivery", "history.commit", "graphql.operation", "POST /webhook/openmetadata", "postgresql"];
        for (var waited = 0; waited < 300 && !(metricNames.All(Sent("/v1/metrics").Contains) && spanNames.All(Sent("/v1/traces").Contains)); waited++)
            await Task.Delay(100);

        var metrics = Sent("/v1/metrics");
        foreach (var name in metricNames)
            Assert.Contains(name, metrics);
        var traces = Sent("/v1/traces");
        foreach (var span in spanNames)
            Assert.Contains(span, traces);
        Assert.All(collector.Requests, r => Assert.Equal("application/x-protobuf", r.Headers["Content-Type"]));
    }
}
