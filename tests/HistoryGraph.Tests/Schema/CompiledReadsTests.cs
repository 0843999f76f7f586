using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;
using Npgsql;

namespace HistoryGraph.Tests.Schema;

/// On PostgreSQL a query the declarations describe is answered by one compiled statement per
/// root field. Its answers are held against a second server on the same database with the
/// compiled path off (the resolvers' path), byte for byte, over filters of every kind, orders
/// with nulls, cursors both ways, nested pages, aliases, fragments and `__typename`.
public sealed class CompiledReadsTests(CompiledReadsTests.Fixture fixture) : IClassFixture<CompiledReadsTests.Fixture>
{
    public sealed class Fixture : PostgresServerFixture, IAsyncLifetime
    {
        public HistoryGraphServer Resolvers { get; private set; } = null!;
        public string Prefix { get; } = $"svc{Guid.NewGuid():N}.db";
        public Guid First { get; } = Guid.NewGuid();

        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Resolvers = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={ConnectionString}", "GraphQL:CompiledReads:Enabled=false");
            await WaitHealthyAsync(Resolvers);
            var events = new List<OmEvent>();
            for (var t = 0; t < 12; t++)
            {
                var e = OmEvent.Created(t == 0 ? First : Guid.NewGuid(), $"{Prefix}.s{t % 3}.table_{t:D2}", timestamp: 1_790_000_000_000 + t * 60_000)
                    with { UserName = t % 4 == 0 ? null : $"user_{t % 5}" };
                events.Add(e);
                for (var v = 0; v < t % 4 + 1; v++)
                {
                    e = e.Next().Set("description", $"v{v} of {t}") with { UserName = v % 3 == 0 ? null : $"user_{(t + v) % 5}" };
                    events.Add(e);
                }
                if (t % 5 == 4)
                    events.Add(e.Next("entitySoftDeleted"));
            }
            (await Server.PostAsync(OmEvent.Batch([.. events]))).EnsureSuccessStatusCode();
        }

        public override async Task DisposeAsync()
        {
            await Resolvers.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    public static TheoryData<string> Documents => new()
    {
        "{ events(first: 7) { nodes { sequence eventId eventType entityType entityId fqn userName timestamp receivedAt previousVersion currentVersion semanticChange breaking origin } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }",
        "query($p: String!) { events(where: { fqn: { startsWith: $p }, timestamp: { gte: \"2026-09-21T00:00:00Z\" } }, order: [{ timestamp: DESC }], first: 4) { edges { cursor node { sequence fqn } } pageInfo { endCursor hasNextPage } } }",
        "query($p: String!) { events(where: { fqn: { startsWith: $p } }, order: [{ userName: DESC }], first: 5) { nodes { userName sequence } pageInfo { endCursor startCursor } } }",
        "query($p: String!) { events(where: { fqn: { startsWith: $p } }, order: [{ userName: ASC }, { currentVersion: DESC }], last: 4) { nodes { userName currentVersion sequence } pageInfo { hasNextPage hasPreviousPage startCursor } } }",
        "query($p: String!) { events(where: { fqn: { startsWith: $p }, userName: { neq: \"user_1\" }, or: [{ eventType: { eq: \"entitySoftDeleted\" } }, { currentVersion: { ngt: 0.2 } }] }) { totalCount nodes { sequence userName eventType } } }",
        "query($p: String!) { events(where: { fqn: { startsWith: $p, ncontains: \"table_1\", nendsWith: \"_2\" }, userName: { in: [\"user_1\", null] } }) { nodes { fqn userName } } }",
        "query($p: String!) { fieldChanges(where: { fqn: { startsWith: $p }, category: { eq: DESCRIPTION } }, first: 6) { nodes { fqn path field column category changeType changedAt changedBy version derived semanticChange breaking } totalCount } }",
        "query($id: UUID!) { versions(where: { entityId: { eq: $id } }, first: 20) { nodes { version changedAt changedBy eventType lifecycle semanticChange breaking } } }",
        "query($p: String!) { versions(where: { fqn: { startsWith: $p }, entity: { lifecycle: { eq: SOFT_DELETED } } }) { nodes { fqn version } } }",
        "query($p: String!) { entities(where: { fqn: { startsWith: $p } }, order: [{ fqn: ASC }], first: 5) { nodes { fqn entityType version lifecycle tagFqns ownerNames versions(first: 2) { totalCount nodes { version changedBy } pageInfo { hasNextPage endCursor } } } } }",
        "query($p: String!) { entities(where: { fqn: { startsWith: $p } }, order: [{ fqn: DESC }], first: 3) { edges { node { fqn events(first: 2, order: [{ sequence: ASC }]) { edges { cursor node { sequence eventType } } } fieldChanges(first: 1) { nodes { path } } } } } }",
        "query($p: String!) { a: entities(where: { fqn: { startsWith: $p } }, first: 2) { ...page } b: entities(where: { fqn: { startsWith: $p } }, first: 2, order: [{ updatedAt: ASC }]) { ...page __typename } __typename } fragment page on EntitiesConnection { nodes { __typename name: fqn ... on Entity { updatedAt updatedBy } } pageInfo { __typename hasNextPage } }",
        "query($p: String!) { fieldChanges(where: { fqn: { startsWith: $p } }, first: 8) { nodes { id path oldValue newValue } } }",
        "query($p: String!) { entities(where: { fqn: { startsWith: $p } }, first: 3) { nodes { id fqn versions(first: 2) { nodes { id version } } } } }",
        "{ users(first: 10) { nodes { name isBot changeCount firstSeenAt lastSeenAt changes(first: 2) { nodes { sequence fqn } } } } }",
        "query($p: String!) { deletions(where: { fqn: { startsWith: $p } }) { nodes { fqn kind deletedAt deletedBy version restoredAt restoredBy } } }",
        "query($p: String!) { events(where: { fqn: { startsWith: $p }, breaking: { eq: false }, semanticChange: { nin: [MAJOR] } }, first: 0) { nodes { sequence } pageInfo { hasNextPage endCursor } totalCount } }",
        "query($p: String!) { entities(where: { fqn: { startsWith: $p }, tagFqns: { any: false }, ownerNames: { all: { eq: \"x\" } } }, first: 3) { nodes { fqn } } }",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task a_compiled_answer_is_the_resolvers_answer_in_one_statement_per_root_field(string document)
    {
        var variables = new { p = fixture.Prefix + ".", id = fixture.First };
        using var counter = await SqlCommandCounter.StartAsync(new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!);
        var compiled = await AnswerAsync(fixture.Server, document, variables);
        var sent = counter.InRequests;
        var statements = sent.Where(c => c.Contains(" AS c0", StringComparison.Ordinal) || c.Contains(" AS k0", StringComparison.Ordinal)).ToList();
        // No page read through the resolvers after all (EF Core names tables unquoted; the live
        // feed's and loaders' own look-ups in the background read no page).
        var resolved = sent.Where(c => !c.Contains("sequence > @head", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(c, @"FROM (change_events|entities|entity_versions|field_changes|actors|deletions) AS [\s\S]*LIMIT")).ToList();
        Assert.True(resolved.Count == 0, string.Join("\n", resolved));
        var expected = await AnswerAsync(fixture.Resolvers, document, variables);

        Assert.Equal(expected, compiled);
        Assert.DoesNotContain("errors", compiled);
        var roots = JsonNode.Parse(compiled)!["data"]!.AsObject().Count(p => p.Value is JsonObject);
        Assert.Equal(roots, statements.Count);
    }

    [Fact]
    public async Task a_query_with_a_field_that_is_not_a_column_is_answered_by_the_resolvers()
    {
        const string document = "query($p: String!) { events(where: { fqn: { startsWith: $p } }, first: 3) { nodes { sequence user { name } } } }";
        var compiled = await AnswerAsync(fixture.Server, document, new { p = fixture.Prefix + "." });
        Assert.Equal(await AnswerAsync(fixture.Resolvers, document, new { p = fixture.Prefix + "." }), compiled);
        Assert.Contains("\"user\"", compiled);
    }

    [Fact]
    public async Task arguments_the_resolvers_refuse_are_refused_alike()
    {
        foreach (var document in new[]
        {
            "{ events(first: 5, after: \"not a cursor\") { nodes { sequence } } }",
            "{ events(first: 5, last: 2) { nodes { sequence } } }",
            "{ events(first: 100000) { nodes { sequence } } }",
        })
        {
            var compiled = await AnswerAsync(fixture.Server, document, new { });
            Assert.Equal(await AnswerAsync(fixture.Resolvers, document, new { }), compiled);
            Assert.Contains("\"code\"", compiled);
        }
    }

    [Fact]
    public async Task a_cursor_from_one_path_pages_on_in_the_other()
    {
        const string document = "query($p: String!, $after: String) { events(where: { fqn: { startsWith: $p } }, order: [{ userName: DESC }, { currentVersion: ASC }], first: 3, after: $after) { nodes { sequence } pageInfo { endCursor } } }";
        var seen = new List<long>();
        string? after = null;
        for (var page = 0; page < 20; page++)
        {
            var server = page % 2 == 0 ? fixture.Server : fixture.Resolvers;
            var answer = await AnswerAsync(server, document, new { p = fixture.Prefix + ".", after });
            Assert.DoesNotContain("errors", answer);
            var data = JsonDocument.Parse(answer).RootElement.GetProperty("data").GetProperty("events");
            seen.AddRange(data.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("sequence").GetInt64()));
            after = data.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            if (after is null)
                break;
        }
        var all = JsonDocument.Parse(await AnswerAsync(fixture.Resolvers, "query($p: String!) { events(where: { fqn: { startsWith: $p } }, first: 1) { totalCount } }", new { p = fixture.Prefix + "." }))
            .RootElement.GetProperty("data").GetProperty("events").GetProperty("totalCount").GetInt32();
        Assert.Equal(all, seen.Count);
        Assert.Equal(all, seen.Distinct().Count());
    }

    private static async Task<string> AnswerAsync(HistoryGraphServer server, string document, object variables)
    {
        var response = await server.Client.PostAsJsonAsync("/graphql", new { query = document, variables });
        return await response.Content.ReadAsStringAsync();
    }
}
