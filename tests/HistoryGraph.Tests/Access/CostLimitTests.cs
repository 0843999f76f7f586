using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Access;

/// Query cost per role: reported in `extensions.cost` when `GraphQL-Cost: report` asks (and with
/// every refusal for cost), refused for a role in Enforce mode, run for a role in Measure mode.
/// Anonymous callers: 30 enforced; readers: 30 measured; admins: the default (GraphQL:MaxComplexity).
public class CostLimitTests(CostLimitTests.ServerFixture fixture) : IClassFixture<CostLimitTests.ServerFixture>
{
    public const string AdminKey = "cost-admin";

    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => [$"Admin:ApiKeys:0={AdminKey}", "Auth:AllowAnonymousReads=true",
            "GraphQL:Cost:Anonymous:MaxFieldCost=30", "GraphQL:Cost:Reader:MaxFieldCost=30", "GraphQL:Cost:Reader:Mode=Measure"];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            for (var i = 0; i < 5; i++)
                Assert.Equal(HttpStatusCode.OK, (await Server.PostAsync(OmEvent.Created(Guid.NewGuid(), $"cost.db.s.t{i}").ToJson())).StatusCode);
        }
    }

    // entities (1) + nodes (1) + fqn and name for each of n nodes: 2 + 2n. Objects: the connection and n entities.
    private const string Paged = "query($n: Int) { entities(first: $n) { nodes { fqn name } } }";

    private readonly HistoryGraphServer _server = fixture.Server;

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string query, object? variables = null, string? key = null, bool report = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        if (report)
            request.Headers.Add("GraphQL-Cost", "report");
        var response = await _server.Client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<string> ReaderKeyAsync(string name) =>
        (await _server.AdminQueryAsync($$"""mutation { createApiKey(name: "{{name}}", role: READER) { key } }""", AdminKey)).GetProperty("createApiKey").GetProperty("key").GetString()!;

    [Fact]
    public async Task the_cost_is_reported_when_asked_for_in_the_terms_hot_chocolate_uses()
    {
        var (status, body) = await PostAsync(Paged, new { n = 4 }, report: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, body["data"]!["entities"]!["nodes"]!.AsArray().Count);
        var cost = body["extensions"]!["cost"]!;
        Assert.Equal(10, (double)cost["fieldCost"]!);
        Assert.Equal(5, (double)cost["typeCost"]!);
        Assert.Equal(30, (double)cost["maxFieldCost"]!);
        Assert.Equal(3, (int)cost["depth"]!);
        Assert.Equal("anonymous", (string?)cost["budget"]);
        Assert.Equal("ENFORCE", (string?)cost["mode"]);

        var (_, unasked) = await PostAsync(Paged, new { n = 4 });
        Assert.Null(unasked["extensions"]);
    }

    [Fact]
    public async Task an_enforced_budget_refuses_before_the_document_runs_and_says_which_setting()
    {
        var (status, body) = await PostAsync(Paged, new { n = 20 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(body["data"]);
        var error = body["errors"]![0]!;
        Assert.Equal("COMPLEXITY", (string?)error["extensions"]!["code"]);
        Assert.Contains("GraphQL:Cost:Anonymous:MaxFieldCost", (string?)error["message"]);
        // The refusal carries the cost, asked for or not.
        Assert.Equal(42, (double)body["extensions"]!["cost"]!["fieldCost"]!);
    }

    [Fact]
    public async Task a_document_an_admin_ran_is_still_refused_to_an_anonymous_caller_from_the_cache()
    {
        // The same text every time: the second and later requests are document-cache hits, and
        // a literal page size makes the cost fixed, so it is remembered rather than walked again.
        const string query = "{ entities(first: 25) { nodes { fqn name } } }";
        for (var i = 0; i < 2; i++)
        {
            var (adminStatus, admin) = await PostAsync(query, key: AdminKey, report: true);
            Assert.Equal(HttpStatusCode.OK, adminStatus);
            Assert.Equal("admin", (string?)admin["extensions"]!["cost"]!["budget"]);
            Assert.Equal(20000, (double)admin["extensions"]!["cost"]!["maxFieldCost"]!);
        }
        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await PostAsync(query);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(52, (double)body["extensions"]!["cost"]!["fieldCost"]!);
        }
    }

    [Fact]
    public async Task a_measured_budget_runs_the_operation_and_reports_it_over_the_budget()
    {
        var key = await ReaderKeyAsync("measured");
        var (status, body) = await PostAsync(Paged, new { n = 20 }, key, report: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["errors"]);
        Assert.Equal(5, body["data"]!["entities"]!["nodes"]!.AsArray().Count);
        var cost = body["extensions"]!["cost"]!;
        Assert.Equal("reader", (string?)cost["budget"]);
        Assert.Equal("MEASURE", (string?)cost["mode"]);
        Assert.True((double)cost["fieldCost"]! > (double)cost["maxFieldCost"]!);
    }

    [Fact]
    public async Task the_budget_is_checked_again_with_each_requests_variables()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Paged, new { n = 2 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Paged, new { n = 15 })).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Paged, new { n = 15 }, AdminKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Paged, new { n = 3 })).Status);
    }

    [Fact]
    public async Task one_introspection_fits_the_smallest_budget_and_many_do_not()
    {
        var (status, body) = await PostAsync("{ __schema { types { name fields { name } } } }", report: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7.5, (double)body["extensions"]!["cost"]!["fieldCost"]!);
        var aliases = string.Join(" ", Enumerable.Range(0, 5).Select(i => $"s{i}: __schema {{ types {{ name }} }}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync($"{{ {aliases} }}")).Status);
    }

    [Fact]
    public async Task a_subscription_over_the_budget_is_refused_over_server_sent_events_too()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            // changes (1) and 31 fields under it: 32.
            Content = JsonContent.Create(new { query = $"subscription {{ changes {{ {string.Join(" ", Enumerable.Range(0, 31).Select(i => $"f{i}: fqn"))} }} }}" }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("COMPLEXITY", text);
    }

    [Theory]
    [InlineData("GraphQL:Cost:Reader:MaxFieldCost=0", "MaxFieldCost")]
    [InlineData("GraphQL:Cost:Admin:Mode=Sometimes", "GraphQL:Cost:Admin:Mode")]
    public async Task a_bad_budget_setting_stops_the_server_from_starting_and_names_it(string setting, string named)
    {
        var path = TestStores.NewSqlitePath();
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await HistoryGraphServer.StartAsync($"ConnectionStrings:History=Data Source={path}", setting)).DisposeAsync());
            Assert.Contains(named, error.ToString());
        }
        finally
        {
            TestStores.DeleteSqlite(path);
        }
    }
}
