using System.Net.Http.Json;
using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Schema;

/// `where:` arguments are bounded before anything is built from them (a 4,000-item `or` once
/// overflowed the query translator's stack and ended the process), and a filter within the
/// bounds is translated as a balanced tree, so that the largest allowed one works on both stores.
public abstract class FilterLimitsTests(HistoryGraphServer server)
{
    private async Task<JsonElement> PostAsync(string query, object? variables = null)
    {
        var response = await server.Client.PostAsJsonAsync("/graphql", new { query, variables });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string ErrorCode(JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    [Theory]
    [InlineData(300)]
    [InlineData(4_000)]
    public async Task a_filter_with_too_many_alternatives_is_refused_and_the_server_stays_up(int alternatives)
    {
        // Through a variable: the document stays small, as in the attack that crashed the process.
        var or = Enumerable.Range(0, alternatives).Select(i => new Dictionary<string, object> { ["fqn"] = new Dictionary<string, object> { ["eq"] = $"x{i}" } }).ToList();
        var body = await PostAsync("query($w: ChangeEventFilterInput) { events(first: 2, where: $w) { nodes { sequence } } }", new { w = new { or } });
        Assert.Equal("FILTER_TOO_LARGE", ErrorCode(body));
        Assert.True((await server.Client.GetAsync("/health")).IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("and")]
    [InlineData("or")]
    public async Task deeply_nested_filters_are_refused(string combinator)
    {
        var where = "{ fqn: { eq: \"x\" } }";
        for (var i = 0; i < 14; i++)
            where = $"{{ {combinator}: [{where}] }}";
        Assert.Equal("FILTER_TOO_DEEP", ErrorCode(await PostAsync($"{{ events(where: {where}) {{ nodes {{ sequence }} }} }}")));
        // The statistics take the same filter, with the same bounds.
        Assert.Equal("FILTER_TOO_DEEP", ErrorCode(await PostAsync(
            $"{{ changeStats(from: \"2026-01-01T00:00:00Z\", to: \"2026-01-02T00:00:00Z\", bucket: DAY, where: {where}) {{ count }} }}")));
        Assert.Equal("FILTER_TOO_DEEP", ErrorCode(await PostAsync(
            $"{{ topEntities(from: \"2026-01-01T00:00:00Z\", to: \"2026-01-02T00:00:00Z\", where: {where}) {{ count }} }}")));
    }

    [Fact]
    public async Task a_nested_object_filter_counts_towards_the_depth()
    {
        var entity = "{ fqn: { eq: \"x\" } }";
        for (var i = 0; i < 8; i++)
            entity = $"{{ and: [{entity}] }}";
        // Ten levels on its own: allowed; one more inside `entity:` is not.
        var alone = await PostAsync($"{{ entities(where: {entity}) {{ nodes {{ fqn }} }} }}");
        Assert.False(alone.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal("FILTER_TOO_DEEP", ErrorCode(await PostAsync($"{{ fieldChanges(where: {{ entity: {entity} }}) {{ nodes {{ path }} }} }}")));
    }

    [Fact]
    public async Task a_list_with_too_many_values_is_refused()
    {
        var values = Enumerable.Range(0, 600).Select(i => $"t{i}").ToArray();
        var body = await PostAsync("query($v: [String]) { entities(where: { fqn: { in: $v } }) { nodes { fqn } } }", new { v = values });
        Assert.Equal("FILTER_TOO_LARGE", ErrorCode(body));
    }

    [Fact]
    public async Task the_largest_allowed_filter_is_translated_and_answers_correctly()
    {
        var prefix = $"limits{Guid.NewGuid():N}";
        var events = Enumerable.Range(0, 5).Select(i => OmEvent.Created(Guid.NewGuid(), $"{prefix}.t{i}")).ToArray();
        (await server.PostAsync(OmEvent.Batch(events))).EnsureSuccessStatusCode();

        // 60 alternatives of two conditions each (three with the item itself), in an `and` with one
        // more condition: 185 of the 200 allowed.
        var or = Enumerable.Range(0, 60).Select(i => new Dictionary<string, object>
        {
            ["fqn"] = new Dictionary<string, object> { ["eq"] = $"{prefix}.t{i}" },
            ["eventType"] = new Dictionary<string, object> { ["eq"] = "entityCreated" },
        }).ToList();
        var body = await PostAsync("query($w: ChangeEventFilterInput) { events(first: 50, where: $w, order: [{ fqn: ASC }]) { nodes { fqn } } }",
            new { w = new { and = new object[] { new { or }, new { fqn = new { startsWith = prefix } } } } });
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var fqns = body.GetProperty("data").GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("fqn").GetString()).ToList();
        Assert.Equal(events.Select(e => e.Fqn).ToList(), fqns);
    }
}

public sealed class PostgresFilterLimitsTests(PostgresServerFixture fixture) : FilterLimitsTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteFilterLimitsTests(SqliteServerFixture fixture) : FilterLimitsTests(fixture.Server), IClassFixture<SqliteServerFixture>;
