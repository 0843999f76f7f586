using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Transport;

/// Limits and error shapes, each on a server of its own with an embedded SQLite store.
public class GraphQLErrorTests : IAsyncLifetime
{
    private readonly string _path = TestStores.NewSqlitePath();
    private HistoryGraphServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History=Data Source={_path}", "GraphQL:MaxDepth=4", "GraphQL:MaxComplexity=60"]);
        await PostgresServerFixture.WaitHealthyAsync(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        TestStores.DeleteSqlite(_path);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string query, object? variables = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        var response = await _server.Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task a_document_deeper_than_the_limit_is_refused_before_it_runs()
    {
        var (status, body) = await PostAsync("{ __schema { types { fields { type { ofType { name } } } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.TryGetProperty("data", out _));
        var error = body.GetProperty("errors")[0];
        Assert.Contains("depth", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("extensions").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task a_document_costlier_than_the_limit_is_refused_before_it_runs()
    {
        var aliases = string.Join(" ", Enumerable.Range(0, 30).Select(i => $"e{i}: entity(fqn: \"t{i}\") {{ fqn name version }}"));
        var (status, body) = await PostAsync($"{{ {aliases} }}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("complexity", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task a_document_run_before_is_checked_again_against_the_cost_limit_with_its_new_variables()
    {
        // Validated documents are kept for reuse; the cost depends on the page sizes asked for.
        const string query = "query($n: Int) { entities(first: $n) { nodes { fqn name } } }";
        for (var i = 0; i < 3; i++)
        {
            var (status, body) = await PostAsync(query, new { n = 2 });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        }
        var (refused, refusal) = await PostAsync(query, new { n = 50 });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("COMPLEXITY", refusal.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(query, new { n = 2 })).Status);
    }

    [Theory]
    [InlineData("query($big: Boolean!) { small: entities(first: 2) { nodes { fqn } } big: entities(first: 50) @include(if: $big) { nodes { fqn name } } }", false, true)]
    [InlineData("query($small: Boolean!) { small: entities(first: 2) { nodes { fqn } } big: entities(first: 50) @skip(if: $small) { nodes { fqn name } } }", true, false)]
    [InlineData("query($big: Boolean!) { small: entities(first: 2) { nodes { fqn } } ...more } fragment more on Query { big: entities(first: 50) @include(if: $big) { nodes { fqn name } } }", false, true)]
    public async Task a_document_run_before_is_checked_again_when_its_variables_include_what_it_skipped(string query, bool cheap, bool costly)
    {
        var name = query.Contains("$big", StringComparison.Ordinal) ? "big" : "small";
        for (var i = 0; i < 3; i++)
        {
            var (status, body) = await PostAsync(query, new Dictionary<string, bool> { [name] = cheap });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        }
        var (refused, refusal) = await PostAsync(query, new Dictionary<string, bool> { [name] = costly });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("COMPLEXITY", refusal.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    // What IDEs and client generators send (graphql-js's getIntrospectionQuery).
    private const string FullIntrospection = """
        query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name } types { ...FullType } directives { name description locations args { ...InputValue } } } }
        fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        """;

    [Fact]
    public async Task the_full_introspection_query_fits_the_default_cost_limit()
    {
        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History=Data Source={_path}");
        var response = await server.Client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(new { query = FullIntrospection }), Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.True(body.GetProperty("data").GetProperty("__schema").GetProperty("types").GetArrayLength() > 10);
    }

    [Fact]
    public async Task introspection_costs_like_any_field_so_the_schema_cannot_be_asked_for_many_times_over()
    {
        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History=Data Source={_path}");
        var aliases = string.Join(" ", Enumerable.Range(0, 40).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name type {{ name kind }} }} }} }}"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(JsonSerializer.Serialize(new { query = $"{{ {aliases} }}" }), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("COMPLEXITY", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_unexpected_failure_says_so_without_details_and_with_a_correlation_id()
    {
        var e = new OmEvent { EntityId = Guid.NewGuid() };
        Assert.Equal(HttpStatusCode.OK, (await _server.PostAsync(e.ToJson())).StatusCode);
        using (var scope = _server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HistoryDbContext>();
            // A damaged stored payload: compressed, but not decompressible to its recorded length.
            byte[] broken = [0x01, 0x10, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF];
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE change_events SET payload = {broken} WHERE event_key = {e.Id}"));
        }

        var (status, body) = await PostAsync($"{{ entity(id: \"{e.EntityId}\") {{ fqn snapshot }} }}");
        Assert.Equal(HttpStatusCode.OK, status);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("Unexpected Execution Error", error.GetProperty("message").GetString());
        var extensions = error.GetProperty("extensions");
        Assert.Equal("UNEXPECTED_EXECUTION_ERROR", extensions.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(extensions.GetProperty("correlationId").GetString()));
        Assert.DoesNotContain("InvalidDataException", body.ToString());
        Assert.DoesNotContain("   at ", body.ToString());
    }
}
