using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Hosting;
using HistoryGraph.TestSupport;
using nietras.SeparatedValues;

namespace HistoryGraph.Tests.Export;

/// GET /export and the `export` command against the stored field changes: the rows counted by
/// GraphQL, read back by an independent CSV parser (Sep) and as JSON lines.
public abstract class ExportTests(HistoryGraphServer server, string connectionString)
{
    public const string AdminKey = "export-admin-key";

    private static readonly string[] Header =
        ["time", "sequence", "user", "isBot", "entityType", "fqn", "eventType", "version", "path", "column", "category", "changeType", "oldValue", "newValue"];

    /// A table's history with values that CSV must quote (commas, quotes, line breaks), non-ASCII
    /// text, JSON lists sent inside strings, a bot, a dashboard and a delete.
    private async Task<string> PostHistoryAsync()
    {
        var prefix = "export" + Guid.NewGuid().ToString("N")[..8];
        var orders = OmEvent.Created(Guid.NewGuid(), prefix + ".db.s.orders") with { UserName = "ann" };
        var described = orders.Next().Set("description", "He said \"ship it\", then\r\nleft — ünïcode ✓") with { UserName = "ann" };
        var tagged = described.Next().Change("fieldsAdded", "tags", null, JsonValue.Create("""[{"tagFQN":"PII.Sensitive","source":"Classification"}]""")) with { UserName = "ingestion-bot" };
        var column = tagged.Next().Change("fieldsUpdated", "columns.\"a,b\".description", JsonValue.Create("old"), JsonValue.Create("=SUM(A1)")) with { UserName = "bob" };
        var deleted = column.Next("entitySoftDeleted").Change("fieldsUpdated", "deleted", JsonValue.Create(false), JsonValue.Create(true)) with { UserName = "bob" };
        var dashboard = OmEvent.Created(Guid.NewGuid(), prefix + ".sales") with { EntityType = "dashboard" };
        var charted = dashboard.Next().Set("displayName", "Sales, by week") with { UserName = "carl" };
        var response = await server.PostAsync(OmEvent.Batch(orders, described, tagged, column, deleted, dashboard, charted, tagged));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return prefix;
    }

    private async Task<long> StoredCountAsync(string where) =>
        (await server.QueryAsync($"{{ fieldChanges(where: {where}) {{ totalCount }} }}")).GetProperty("fieldChanges").GetProperty("totalCount").GetInt64();

    private async Task<HttpResponseMessage> ExportAsync(string query, string? key = AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/export?" + query);
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        return await server.Client.SendAsync(request);
    }

    private static List<Dictionary<string, string>> ReadCsv(string text)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(text);
        Assert.Equal(Header, reader.Header.ColNames);
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>();
            foreach (var name in Header)
                values[name] = row[name].ToString();
            rows.Add(values);
        }
        return rows;
    }

    [Fact]
    public async Task a_csv_export_holds_every_stored_field_change_once_and_a_csv_parser_reads_the_values_back()
    {
        var prefix = await PostHistoryAsync();
        var response = await ExportAsync($"format=csv&fqnPrefix={prefix}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileNameStar);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\r\n", text);

        var rows = ReadCsv(text);
        Assert.Equal(await StoredCountAsync($"{{ fqn: {{ startsWith: \"{prefix}\" }} }}"), rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => (r["sequence"], r["path"])).Distinct().Count());
        var description = Assert.Single(rows, r => r["path"] == "description");
        Assert.Equal("He said \"ship it\", then\r\nleft — ünïcode ✓", description["newValue"]);
        Assert.Equal(("ann", "false", "table", prefix + ".db.s.orders", "entityUpdated", "0.2", "DESCRIPTION", "ADDED"),
            (description["user"], description["isBot"], description["entityType"], description["fqn"], description["eventType"], description["version"], description["category"], description["changeType"]));
        var tags = Assert.Single(rows, r => r["path"] == "tags");
        Assert.Equal(("true", "ADDED", ""), (tags["isBot"], tags["changeType"], tags["oldValue"]));
        Assert.Equal("PII.Sensitive", JsonNode.Parse(tags["newValue"])![0]!["tagFQN"]!.GetValue<string>());
        var column = Assert.Single(rows, r => r["path"] == "columns.\"a,b\".description");
        Assert.Equal(("a,b", "=SUM(A1)"), (column["column"], column["newValue"]));
        Assert.Equal(("entitySoftDeleted", "true"), (Assert.Single(rows, r => r["path"] == "deleted")["eventType"], Assert.Single(rows, r => r["path"] == "deleted")["newValue"]));
        Assert.True(DateTime.TryParse(description["time"], out _));
        var sequences = rows.Select(r => long.Parse(r["sequence"])).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task ndjson_holds_the_same_rows_with_values_as_json_and_a_bom_is_there_when_asked()
    {
        var prefix = await PostHistoryAsync();
        var lines = (await (await ExportAsync($"format=ndjson&fqnPrefix={prefix}")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var csv = ReadCsv(await (await ExportAsync($"fqnPrefix={prefix}")).Content.ReadAsStringAsync());
        Assert.Equal(csv.Count, lines.Length);
        var objects = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.All(objects, o => Assert.Equal(Header, o.Select(p => p.Key)));
        var tags = Assert.Single(objects, o => (string?)o["path"] == "tags");
        Assert.Equal("PII.Sensitive", (string?)tags["newValue"]![0]!["tagFQN"]);
        Assert.Equal(0.3m, (decimal)tags["version"]!);
        Assert.True((bool)Assert.Single(objects, o => (string?)o["path"] == "deleted")["newValue"]!);

        var withBom = await (await ExportAsync($"fqnPrefix={prefix}&bom=true")).Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), withBom[..3]);
        Assert.Equal(csv.Count, ReadCsv(Encoding.UTF8.GetString(withBom[3..])).Count);
    }

    [Fact]
    public async Task each_filter_keeps_exactly_the_rows_graphql_counts_for_it()
    {
        var prefix = await PostHistoryAsync();
        var fqn = $"fqn: {{ startsWith: \"{prefix}\" }}";
        foreach (var (query, where) in new[]
        {
            ("entityType=dashboard", $"{{ {fqn}, entityType: {{ eq: \"dashboard\" }} }}"),
            ("user=bob", $"{{ {fqn}, changedBy: {{ eq: \"bob\" }} }}"),
            ("category=TAGS", $"{{ {fqn}, category: {{ eq: TAGS }} }}"),
            ("eventType=entitySoftDeleted", $"{{ {fqn}, path: {{ eq: \"deleted\" }} }}"),
            ("from=2026-09-21T14:15:00Z&to=2026-09-21T14:16:00Z", $"{{ {fqn}, changedAt: {{ gte: \"2026-09-21T14:15:00Z\", lt: \"2026-09-21T14:16:00Z\" }} }}"),
        })
        {
            var rows = ReadCsv(await (await ExportAsync($"fqnPrefix={prefix}&{query}")).Content.ReadAsStringAsync());
            Assert.Equal(await StoredCountAsync(where), rows.Count);
            Assert.NotEmpty(rows);
        }
    }

    [Fact]
    public async Task an_export_larger_than_a_page_is_read_along_the_key_without_a_row_lost_or_repeated()
    {
        var prefix = "exportpages" + Guid.NewGuid().ToString("N")[..8];
        var events = new List<OmEvent>();
        var current = OmEvent.Created(Guid.NewGuid(), prefix + ".wide");
        events.Add(current);
        for (var e = 0; e < 45; e++)
        {
            current = current.Next();
            for (var c = 0; c < 50; c++)
                current = current.Change("fieldsUpdated", $"columns.c{c}.description", JsonValue.Create($"v{e}"), JsonValue.Create($"v{e + 1}"));
            events.Add(current);
        }
        foreach (var chunk in events.Chunk(5))
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(chunk))).StatusCode);

        var rows = ReadCsv(await (await ExportAsync($"fqnPrefix={prefix}")).Content.ReadAsStringAsync());
        Assert.Equal(2_250, rows.Count);
        Assert.Equal(2_250, rows.Select(r => (r["sequence"], r["path"])).Distinct().Count());
        Assert.Equal(await StoredCountAsync($"{{ fqn: {{ startsWith: \"{prefix}\" }} }}"), rows.Count);
    }

    [Fact]
    public async Task the_export_command_writes_the_same_file_as_the_endpoint()
    {
        var prefix = await PostHistoryAsync();
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}.csv");
        try
        {
            Assert.Equal(0, await MaintenanceCommands.RunAsync(["export", $"--ConnectionStrings:History={connectionString}", $"--output={path}", $"--fqnPrefix={prefix}",
                "--Serilog:MinimumLevel:Default=Warning"]));
            var fromEndpoint = await (await ExportAsync($"fqnPrefix={prefix}")).Content.ReadAsByteArrayAsync();
            Assert.Equal(fromEndpoint, await File.ReadAllBytesAsync(path));
            Assert.Equal(2, await MaintenanceCommands.RunAsync(["export", $"--ConnectionStrings:History={connectionString}", "--fromm=2026-01-01"]));
            Assert.Equal(2, await MaintenanceCommands.RunAsync(["export", $"--ConnectionStrings:History={connectionString}", "--format=xml"]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "AUTH_NOT_AUTHENTICATED")]
    [InlineData("not-the-key", HttpStatusCode.Unauthorized, "AUTH_NOT_AUTHENTICATED")]
    public async Task an_export_without_the_admin_key_is_refused(string? key, HttpStatusCode status, string code)
    {
        var response = await ExportAsync("format=csv", key);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("format=xml")]
    [InlineData("from=yesterday")]
    [InlineData("from=2026-02-01&to=2026-01-01")]
    [InlineData("category=NOPE")]
    [InlineData("bom=maybe")]
    public async Task a_parameter_it_cannot_take_is_a_400_that_says_which(string query)
    {
        var response = await ExportAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("INVALID_ARGUMENT", problem.GetProperty("code").GetString());
        Assert.Contains(query.Split('=')[0], problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task bearer_tokens_are_keys_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/export?format=ndjson&fqnPrefix=nothing-here");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }
}

public sealed class PostgresExportTests(PostgresExportTests.ServerFixture fixture)
    : ExportTests(fixture.Server, fixture.ConnectionString), IClassFixture<PostgresExportTests.ServerFixture>
{
    public sealed class ServerFixture : PostgresServerFixture
    {
        protected override string[] Settings => [$"Admin:ApiKeys:0={AdminKey}"];
    }
}

public sealed class SqliteExportTests(SqliteExportTests.ServerFixture fixture)
    : ExportTests(fixture.Server, fixture.ConnectionString), IClassFixture<SqliteExportTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => [$"Admin:ApiKeys:0={AdminKey}"];
    }
}

/// Without admin keys, nobody is an admin: a server exposed by mistake exports nothing, even
/// where anyone may read.
public sealed class ExportWithoutAdminKeysTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("anything")]
    public async Task an_export_is_refused_when_no_admin_key_exists(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/export");
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        var response = await fixture.Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("AUTH_NOT_AUTHENTICATED", problem.GetProperty("code").GetString());
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }
}
