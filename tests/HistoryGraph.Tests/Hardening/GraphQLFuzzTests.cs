using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HistoryGraph.Tests.Hardening;

/// Generated GraphQL requests, valid and broken, small and pathological: every one must be
/// answered (never a 5xx, never an "Unexpected Execution Error", which would mean an input
/// reached a place that did not expect it), and the server must stay healthy.
public class GraphQLFuzzTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private HistoryGraphServer Server => fixture.Server;

    private static readonly string[] Roots = ["entities", "events", "fieldChanges", "versions", "users", "deletions"];
    private static readonly string[] Scalars = ["\"x\"", "\"\"", "1", "-1", "1.5", "true", "null", "[]", "{}", "\"\\u0000\"", "\"\\ud800\"", "\"%\"", "\"_\"", "\"\\\\\"", "99999999999999999999", "\"2026-01-01T00:00:00Z\"", "\"not-a-date\"", "\"00000000-0000-0000-0000-000000000000\""];
    private static readonly string[] Operations = ["eq", "neq", "in", "nin", "contains", "startsWith", "endsWith", "gt", "lt", "gte", "lte", "some", "all", "none", "any", "bogus"];
    private static readonly string[] Fields = ["fqn", "sequence", "eventType", "timestamp", "entityId", "version", "name", "changeCount", "tagFqns", "lifecycle", "category", "entity", "event", "and", "or", "nothing"];

    [Fact]
    public async Task generated_requests_are_all_answered_as_client_or_field_errors_never_as_faults()
    {
        var random = new Random(1127);
        var answered = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Bounded in count and in time, so that the suite stays quick on two cores.
        for (var i = 0; i < 600 && watch.Elapsed < TimeSpan.FromSeconds(60); i++)
        {
            var body = Request(random);
            var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (random.Next(2) == 0)
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
            var response = await Server.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {Encoding.UTF8.GetString(body)}: {text}");
            Assert.DoesNotContain("UNEXPECTED_EXECUTION_ERROR", text);
            Assert.DoesNotContain("STORE_UNAVAILABLE", text);
            answered++;
        }
        Assert.True(answered >= 100, $"only {answered} requests in the time allowed");
        Assert.True((await Server.Client.GetAsync("/health")).IsSuccessStatusCode);
    }

    private static byte[] Request(Random random)
    {
        var query = Document(random);
        switch (random.Next(10))
        {
            case 0:
                return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query }))[..^random.Next(1, 5)]; // cut short
            case 1:
                var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query })).ToList();
                bytes.Insert(random.Next(1, bytes.Count), (byte)random.Next(0x80, 0x100));
                return [.. bytes];
            case 2:
                return Encoding.UTF8.GetBytes($"{{\"query\":{JsonSerializer.Serialize(query)},\"variables\":{{\"x\":\"\\ud800\",\"y\":{new string('[', random.Next(1, 200))}}}}}");
            default:
                return JsonSerializer.SerializeToUtf8Bytes(new { query, variables = random.Next(3) == 0 ? new Dictionary<string, object?> { ["w"] = new { fqn = new { eq = "\0" } } } : null });
        }
    }

    private static string Document(Random random) => random.Next(8) switch
    {
        0 => "{ " + string.Join(" ", Enumerable.Range(0, random.Next(1, 3000)).Select(i => random.Next(2) == 0 ? "__typename" : $"a{i}: __typename")) + " }",
        1 => "{ " + new string('{', random.Next(1, 400)) + new string('}', random.Next(1, 400)) + " }",
        2 => Bomb(random.Next(2, 40)),
        3 => "query($w: ChangeEventFilterInput) { events(where: $w) { nodes { sequence } } }",
        4 => string.Concat(Enumerable.Range(0, random.Next(1, 50)).Select(_ => "{ x }")),
        5 => Mutate(Valid(random), random),
        _ => Valid(random),
    };

    private static string Valid(Random random)
    {
        var root = Roots[random.Next(Roots.Length)];
        var args = new List<string>();
        if (random.Next(2) == 0)
            args.Add($"where: {Filter(random, random.Next(1, 14))}");
        if (random.Next(3) == 0)
            args.Add($"first: {random.Next(-5, 80)}");
        if (random.Next(4) == 0)
            args.Add($"after: {Scalars[random.Next(Scalars.Length)]}");
        if (random.Next(4) == 0)
            args.Add($"order: [{{ {Fields[random.Next(Fields.Length)]}: {(random.Next(2) == 0 ? "ASC" : "DESC")} }}]");
        var arguments = args.Count > 0 ? $"({string.Join(", ", args)})" : "";
        return $"{{ {root}{arguments} {{ totalCount nodes {{ id }} pageInfo {{ hasNextPage endCursor }} }} }}";
    }

    /// A filter of up to `budget` parts in all (so that generation stays small), nested as deep
    /// as the budget allows.
    private static string Filter(Random random, int depth, int budget = 400)
    {
        if (depth <= 0 || budget <= 0)
            return "{}";
        var parts = new List<string>();
        for (var i = random.Next(1, 4); i > 0 && budget > 0; i--)
        {
            var field = Fields[random.Next(Fields.Length)];
            if (field is "and" or "or")
            {
                var count = Math.Min(random.Next(0, 40), budget);
                budget -= count + 1;
                parts.Add($"{field}: [{string.Join(", ", Enumerable.Range(0, count).Select(_ => Filter(random, depth - 1, budget / Math.Max(1, count))))}]");
            }
            else
            {
                budget--;
                parts.Add(field is "entity" or "event"
                    ? $"{field}: {Filter(random, depth - 1, budget / 2)}"
                    : $"{field}: {{ {Operations[random.Next(Operations.Length)]}: {Value(random)} }}");
            }
        }
        return $"{{ {string.Join(", ", parts)} }}";
    }

    private static string Value(Random random) => random.Next(5) == 0
        ? $"[{string.Join(", ", Enumerable.Range(0, random.Next(0, 700)).Select(_ => Scalars[random.Next(Scalars.Length)]))}]"
        : Scalars[random.Next(Scalars.Length)];

    private static string Bomb(int levels) =>
        "{ entities { nodes { ...F1 } } } " + string.Join(" ", Enumerable.Range(1, levels - 1).Select(i =>
            $"fragment F{i} on Entity {{ fqn ...F{i + 1} v{i}: versions(first: 2) {{ nodes {{ entity {{ ...F{i + 1} }} }} }} }}")) + $" fragment F{levels} on Entity {{ fqn }}";

    private static string Mutate(string document, Random random)
    {
        var chars = document.ToCharArray();
        for (var i = random.Next(1, 4); i > 0; i--)
            chars[random.Next(chars.Length)] = "{}[]()!:$@.\"\\ \u0000\ud800"[random.Next(15)];
        return new string(chars);
    }
}
