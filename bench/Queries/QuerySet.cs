using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace HistoryGraph.Bench.Queries;

/// The questions dashboards ask of the history, with parameter sets read from the loaded data:
/// (a) an entity's history page, (b) events under an fqn prefix in a 30-day window in time order
/// (schema, database and service prefixes; and a page deep into the largest with its cursor),
/// (c) description changes in a 7-day window, (d) 50 entities under a prefix with their last 5
/// versions each, and `{ __typename }` for the fixed cost of a request.
public static class QuerySet
{
    public static readonly DateTime WindowEnd = OpenMetadataHistory.End.AddDays(-10);

    public static async Task<List<QueryCase>> BuildAsync(string connectionString, HttpClient historyGraph, HttpClient postGraphile, int deepPage, int sets)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var cases = new List<QueryCase>
        {
            new("typename", "`{ __typename }`", 16, "{ __typename }", "{ __typename }", "SELECT 1", [new(Empty, Empty, [])]),
        };

        // (a) An entity's history page: its latest 20 versions.
        var ids = await ListAsync<Guid>(db, $"SELECT entity_id FROM entity_versions GROUP BY entity_id HAVING count(*) >= 5 ORDER BY entity_id LIMIT {sets}");
        const string historyA = "query($id: UUID!) { versions(where: { entityId: { eq: $id } }, first: 20) { nodes { version changedAt changedBy eventType } } }";
        const string peerA = "query($id: UUID!) { allEntityVersions(condition: { entityId: $id }, orderBy: [CHANGED_AT_DESC, VERSION_DESC], first: 20) { nodes { version changedAt changedBy eventType } } }";
        const string sqlA = "SELECT version, changed_at, changed_by, event_type FROM entity_versions WHERE entity_id = $1 ORDER BY changed_at DESC, version DESC LIMIT 20";
        var setsA = ids.Select(id => new QueryParameters(new Dictionary<string, object?> { ["id"] = id }, new Dictionary<string, object?> { ["id"] = id }, [id])).ToList();
        cases.Add(new("a", "(a) entity history page", 16, historyA, peerA, sqlA, setsA));
        cases.Add(new("a-1", "(a) entity history page, 1 connection", 1, historyA, peerA, sqlA, setsA));

        // (b) Events under a prefix in a 30-day window, newest first, 20 per page.
        const string historyB = "query($p: String!, $from: DateTime!, $to: DateTime!, $after: String) { events(where: { fqn: { startsWith: $p }, timestamp: { gte: $from, lt: $to } }, order: [{ timestamp: DESC }], first: 20, after: $after) { nodes { sequence eventType fqn userName timestamp } pageInfo { endCursor } } }";
        const string peerB = "query($p: String!, $from: Datetime!, $to: Datetime!, $after: Cursor) { allChangeEvents(filter: { entityFqn: { startsWith: $p }, timestamp: { greaterThanOrEqualTo: $from, lessThan: $to } }, orderBy: [TIMESTAMP_DESC, SEQUENCE_DESC], first: 20, after: $after) { nodes { sequence eventType entityFqn userName timestamp } pageInfo { endCursor } } }";
        const string sqlB = "SELECT sequence, event_type, entity_fqn, user_name, \"timestamp\" FROM change_events WHERE entity_fqn LIKE $1 AND \"timestamp\" >= $2 AND \"timestamp\" < $3 ORDER BY \"timestamp\" DESC, sequence DESC LIMIT 20";
        var from = WindowEnd.AddDays(-30);
        foreach (var (name, level, schemas) in new[] { ("b-schema", "schema", Enumerable.Range(0, 200)), ("b-database", "database", Enumerable.Range(0, 40).Select(d => d * 5)), ("b-service", "service", Enumerable.Range(0, 10).Select(s => s * 20)) })
        {
            var prefixes = schemas.Select(s => Prefix(s, level)).Distinct().Take(sets).ToList();
            var set = prefixes.Select(p => B(p, null, null, null)).ToList();
            cases.Add(new(name, $"(b) fqn prefix ({level}) + 30-day window, first page", 16, historyB, peerB, sqlB, set));
            cases.Add(new(name + "-1", $"(b) fqn prefix ({level}) + 30-day window, first page, 1 connection", 1, historyB, peerB, sqlB, set));
        }

        // (b) at depth: the page `deepPage` of the largest prefixes, with each system's own cursor.
        var deep = new List<QueryParameters>();
        foreach (var prefix in Enumerable.Range(0, 10).Select(s => Prefix(s * 20, "service")).Take(Math.Min(sets, 5)))
        {
            var historyCursor = await WalkAsync(historyGraph, historyB, deepPage, new() { ["p"] = prefix, ["from"] = from, ["to"] = WindowEnd }, "events");
            var peerCursor = await WalkAsync(postGraphile, peerB, deepPage, new() { ["p"] = prefix, ["from"] = from, ["to"] = WindowEnd }, "allChangeEvents");
            await using var command = db.CreateCommand($"SELECT \"timestamp\", sequence FROM change_events WHERE entity_fqn LIKE $1 AND \"timestamp\" >= $2 AND \"timestamp\" < $3 ORDER BY \"timestamp\" DESC, sequence DESC OFFSET {deepPage * 20 - 21} LIMIT 1");
            command.Parameters.Add(new() { Value = Like(prefix) });
            command.Parameters.Add(new() { Value = from });
            command.Parameters.Add(new() { Value = WindowEnd });
            await using var reader = await command.ExecuteReaderAsync();
            if (historyCursor is null || peerCursor is null || !await reader.ReadAsync())
                continue;
            deep.Add(B(prefix, historyCursor, peerCursor, (reader.GetDateTime(0), reader.GetInt64(1))));
        }
        const string sqlDeep = "SELECT sequence, event_type, entity_fqn, user_name, \"timestamp\" FROM change_events WHERE entity_fqn LIKE $1 AND \"timestamp\" >= $2 AND \"timestamp\" < $3 AND (\"timestamp\", sequence) < ($4, $5) ORDER BY \"timestamp\" DESC, sequence DESC LIMIT 20";
        if (deep.Count > 0)
            cases.Add(new("b-deep-1", $"(b) service prefix + 30-day window, page {deepPage} by cursor, 1 connection", 1, historyB, peerB, sqlDeep, deep));

        // (c) Description changes in a 7-day window, newest first.
        const string historyC = "query($from: DateTime!, $to: DateTime!) { fieldChanges(where: { category: { eq: DESCRIPTION }, changedAt: { gte: $from, lt: $to } }, first: 20) { nodes { fqn path changedAt changedBy oldValue newValue } } }";
        const string peerC = "query($from: Datetime!, $to: Datetime!) { allFieldChanges(filter: { category: { equalTo: \"DESCRIPTION\" }, changedAt: { greaterThanOrEqualTo: $from, lessThan: $to } }, orderBy: [CHANGED_AT_DESC, EVENT_SEQUENCE_DESC, ORDINAL_ASC], first: 20) { nodes { entityFqn path changedAt changedBy oldValue newValue } } }";
        const string sqlC = "SELECT entity_fqn, path, changed_at, changed_by, old_value, new_value FROM field_changes WHERE category = 'DESCRIPTION' AND changed_at >= $1 AND changed_at < $2 ORDER BY changed_at DESC, event_sequence DESC, ordinal LIMIT 20";
        var setsC = Enumerable.Range(0, Math.Min(sets, 20)).Select(k =>
        {
            var to = WindowEnd.AddDays(-7 * k);
            return new QueryParameters(new Dictionary<string, object?> { ["from"] = to.AddDays(-7), ["to"] = to }, new Dictionary<string, object?> { ["from"] = to.AddDays(-7), ["to"] = to }, [to.AddDays(-7), to]);
        }).ToList();
        cases.Add(new("c", "(c) DESCRIPTION changes in a 7-day window", 16, historyC, peerC, sqlC, setsC));
        cases.Add(new("c-1", "(c) DESCRIPTION changes in a 7-day window, 1 connection", 1, historyC, peerC, sqlC, setsC));

        // (d) 50 entities under a database prefix, each with its last 5 versions.
        const string historyD = "query($p: String!) { entities(where: { fqn: { startsWith: $p } }, order: [{ fqn: ASC }], first: 50) { nodes { fqn entityType version versions(first: 5) { nodes { version changedAt changedBy } } } } }";
        const string peerD = "query($p: String!) { allEntities(filter: { fqn: { startsWith: $p } }, orderBy: [FQN_ASC, ENTITY_ID_ASC], first: 50) { nodes { fqn entityType version entityVersionsByEntityId(first: 5, orderBy: [CHANGED_AT_DESC, VERSION_DESC]) { nodes { version changedAt changedBy } } } } }";
        const string sqlD = "SELECT e.fqn, e.entity_type, e.version, v.version, v.changed_at, v.changed_by FROM (SELECT entity_id, fqn, entity_type, version FROM entities WHERE fqn LIKE $1 ORDER BY fqn, entity_id LIMIT 50) e CROSS JOIN LATERAL (SELECT version, changed_at, changed_by FROM entity_versions v WHERE v.entity_id = e.entity_id ORDER BY changed_at DESC, version DESC LIMIT 5) v ORDER BY e.fqn, e.entity_id";
        var setsD = Enumerable.Range(0, 40).Select(d => Prefix(d * 5, "database")).Take(sets)
            .Select(p => new QueryParameters(new Dictionary<string, object?> { ["p"] = p }, new Dictionary<string, object?> { ["p"] = p }, [Like(p)])).ToList();
        cases.Add(new("d", "(d) 50 entities under a prefix with their last 5 versions", 16, historyD, peerD, sqlD, setsD));
        cases.Add(new("d-1", "(d) 50 entities under a prefix with their last 5 versions, 1 connection", 1, historyD, peerD, sqlD, setsD));

        // The history answers, HistoryGraph alone: (e) a diff between an entity's first and last
        // versions, (f) an entity as of the middle of its history, (g) a page of the catalog as of
        // a moment (under a prefix by fqn, and the newest first), (h) a year of DAY buckets.
        var spans = await RowsAsync(db, $"SELECT entity_id, min(version), max(version), min(changed_at) + (max(changed_at) - min(changed_at)) / 2 FROM entity_versions GROUP BY entity_id HAVING count(*) >= 5 ORDER BY entity_id LIMIT {sets}",
            r => (Id: r.GetGuid(0), First: r.GetDecimal(1), Last: r.GetDecimal(2), Middle: r.GetDateTime(3)));
        const string historyE = "query($id: UUID!, $from: Decimal!, $to: Decimal!) { compare(entityId: $id, fromVersion: $from, toVersion: $to) { semanticChange breaking changes { path changeType semanticChange oldValue newValue } jsonPatch } }";
        cases.Add(Alone("e", "(e) compare an entity's first and last versions", 16, historyE, spans.Select(s => Variables(("id", s.Id), ("from", s.First), ("to", s.Last)))));
        cases.Add(Alone("e-1", "(e) compare, 1 connection", 1, historyE, spans.Select(s => Variables(("id", s.Id), ("from", s.First), ("to", s.Last)))));
        const string historyF = "query($id: UUID!, $at: DateTime!) { entityAsOf(entityId: $id, at: $at) { version lifecycle changedAt changedBy snapshot } }";
        cases.Add(Alone("f-1", "(f) entityAsOf mid-history, with its snapshot, 1 connection", 1, historyF, spans.Select(s => Variables(("id", s.Id), ("at", s.Middle)))));
        var moments = Enumerable.Range(1, 10).Select(k => WindowEnd.AddDays(-30 * k)).ToList();
        const string historyG = "query($p: String!, $at: DateTime!) { catalogAsOf(at: $at, first: 20, where: { fqn: { startsWith: $p } }, order: [{ fqn: ASC }]) { nodes { fqn version lifecycle changedAt changedBy } } }";
        var databases = Enumerable.Range(0, 40).Select(d => Prefix(d * 5, "database")).ToList();
        cases.Add(Alone("g-1", "(g) catalogAsOf page under a database prefix by fqn, 1 connection", 1, historyG,
            Enumerable.Range(0, sets).Select(k => Variables(("p", databases[k % databases.Count]), ("at", moments[k % moments.Count])))));
        const string historyG2 = "query($at: DateTime!) { catalogAsOf(at: $at, first: 20) { nodes { fqn version lifecycle changedAt changedBy } } }";
        cases.Add(Alone("g2-1", "(g) catalogAsOf page, newest first, 1 connection", 1, historyG2, moments.Select(m => Variables(("at", m)))));
        const string historyH = "query($from: DateTime!, $to: DateTime!) { changeStats(from: $from, to: $to, bucket: DAY) { start count } }";
        const string historyH2 = "query($from: DateTime!, $to: DateTime!) { changeStats(from: $from, to: $to, bucket: DAY, timeZone: \"Europe/Berlin\", groupBy: [EVENT_TYPE]) { start count groups { key count } } }";
        var years = Enumerable.Range(0, 4).Select(k => Variables(("from", WindowEnd.Date.AddDays(-365 - k)), ("to", WindowEnd.Date.AddDays(-k)))).ToList();
        cases.Add(Alone("h-1", "(h) a year of DAY buckets, 1 connection", 1, historyH, years));
        cases.Add(Alone("h2-1", "(h) a year of DAY buckets in Berlin by event type, 1 connection", 1, historyH2, years));
        cases.Add(Alone("h2", "(h) a year of DAY buckets in Berlin by event type", 16, historyH2, years));
        const string historyH3 = "query($from: DateTime!, $to: DateTime!) { changeStats(from: $from, to: $to, bucket: DAY, timeZone: \"Europe/Berlin\", groupBy: [USER]) { start count groups { key count } } }";
        cases.Add(Alone("h3-1", "(h) a year of DAY buckets in Berlin by user, 1 connection", 1, historyH3, years));
        const string historyH4 = "query($from: DateTime!, $to: DateTime!) { changeStats(from: $from, to: $to, bucket: DAY, timeZone: \"Europe/Berlin\", groupBy: [SERVICE]) { start count groups { key count } } }";
        cases.Add(Alone("h4-1", "(h) a year of DAY buckets in Berlin by service, 1 connection", 1, historyH4, years));
        return cases;

        QueryParameters B(string prefix, string? historyCursor, string? peerCursor, (DateTime, long)? sqlCursor) => new(
            new Dictionary<string, object?> { ["p"] = prefix, ["from"] = from, ["to"] = WindowEnd, ["after"] = historyCursor },
            new Dictionary<string, object?> { ["p"] = prefix, ["from"] = from, ["to"] = WindowEnd, ["after"] = peerCursor },
            sqlCursor is { } c ? [Like(prefix), from, WindowEnd, c.Item1, c.Item2] : [Like(prefix), from, WindowEnd]);
    }

    private static QueryCase Alone(string name, string title, int connections, string query, IEnumerable<IReadOnlyDictionary<string, object?>> sets) =>
        new(name, title, connections, query, null, null, sets.Select(v => new QueryParameters(v, Empty, [])).ToList());

    private static IReadOnlyDictionary<string, object?> Variables(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static async Task<List<T>> RowsAsync<T>(NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, T> read)
    {
        var list = new List<T>();
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(read(reader));
        return list;
    }

    /// A LIKE pattern for a prefix: `_` and `%` in fqns (svc_1, db_5) are wildcards unless
    /// escaped, and a pattern with a wildcard early can use no more of an index than what comes
    /// before it. (HistoryGraph and PostGraphile escape them too.)
    private static string Like(string prefix) =>
        prefix.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    // OpenMetadataHistory.SchemaPrefix cut to the level asked for, with the separating dot.
    private static string Prefix(int schema, string level)
    {
        var parts = OpenMetadataHistory.SchemaPrefix(schema).Split('.');
        return string.Join('.', parts.Take(level switch { "service" => 1, "database" => 2, _ => 3 })) + ".";
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlDataSource db, string sql)
    {
        var list = new List<T>();
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(reader.GetFieldValue<T>(0));
        return list;
    }

    /// The cursor after page - 1 pages, as a client paging through would hold it.
    private static async Task<string?> WalkAsync(HttpClient client, string query, int page, Dictionary<string, object?> variables, string field)
    {
        string? cursor = null;
        for (var i = 1; i < page; i++)
        {
            variables["after"] = cursor;
            using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (!body.TryGetProperty("data", out var data) || data.GetProperty(field).GetProperty("pageInfo").GetProperty("endCursor") is not { ValueKind: JsonValueKind.String } end)
                return null;
            cursor = end.GetString();
        }
        return cursor;
    }
}
