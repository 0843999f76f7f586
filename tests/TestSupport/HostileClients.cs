using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.TestSupport;

/// Requests a broken or hostile client sends, one kind each, shared by the abuse test and
/// bench/Abuse. Each attack runs once per call and says what it got back; none of them may get
/// a 5xx other than a designed 503 (busy, with Retry-After), and the server must stay up.
public static class HostileClients
{
    /// What one attempt got: an HTTP status; for WebSockets the close code negated (-4408), or
    /// -1 when the server dropped the connection; 599 when the server did not refuse at all.
    public sealed record Attack(string Name, string What, int Repeat, Func<HttpClient, string, Task<int>> RunOnceAsync);

    public static IReadOnlyList<Attack> All { get; } =
    [
        new("filter-or-4000", "`or` of 4,000 fqn conditions in a literal (75 KB), anonymous", 20, (c, _) => GraphQLAsync(c, OrFilter(4000, literal: true))),
        new("filter-or-variables", "`or` of 4,000 conditions in variables", 20, (c, _) => GraphQLAsync(c, OrFilter(4000, literal: false))),
        new("fragment-bomb-30", "fragments each spreading the next twice, 30 levels (2 KB)", 20, (c, _) => GraphQLAsync(c, new { query = FragmentBomb(30) })),
        new("field-repeated-8000", "`__typename` 8,000 times", 20, (c, _) => GraphQLAsync(c, new { query = "{ " + string.Join(" ", Enumerable.Repeat("__typename", 8000)) + " }" })),
        new("schema-aliases-1000", "1,000 aliases of `__schema` with types and fields (330 KB)", 20, (c, _) => GraphQLAsync(c, new { query = "{ " + string.Join(" ", Enumerable.Range(0, 1000).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name type {{ name }} }} }} }}")) + " }" })),
        new("deep-nesting", "lists nested 5,000 deep in an argument", 20, (c, _) => GraphQLAsync(c, new { query = "{ entities(where: { fqn: { in: " + new string('[', 5000) + new string(']', 5000) + " } }) { nodes { fqn } } }" })),
        new("bad-strings", "lone surrogates, NUL and invalid UTF-8 in GraphQL bodies", 20, (c, _) => BadStringsAsync(c)),
        new("signed-corrupt-deliveries", "signed deliveries with lone surrogates, overlong UTF-8, entities 65-255 deep, year-1 timestamps", 10, SignedCorruptAsync),
        new("big-signed-delivery", "one signed event with 140,000 field changes (9.5 MB)", 2, BigDeliveryAsync),
        new("huge-descriptions", "90 signed events with 100 KB descriptions in one batch (9 MB)", 3, HugeDescriptionsAsync),
        new("ws-pong-flood", "WebSocket sending 1 MB pings, never reading the pongs", 4, (c, _) => PongFloodAsync(c.BaseAddress!)),
        new("ws-never-init", "100 WebSockets that never send connection_init", 2, (c, _) => NeverInitAsync(c.BaseAddress!)),
        new("slow-bodies", "8 bodies of a declared 1 MB sent one byte at a time", 1, (c, _) => SlowBodiesAsync(c.BaseAddress!)),
    ];

    private static object OrFilter(int items, bool literal)
    {
        if (literal)
            return new { query = "{ events(first: 2, where: { or: [ " + string.Join(", ", Enumerable.Range(0, items).Select(i => $"{{fqn:{{eq:\"x{i}\"}}}}")) + " ] }) { nodes { sequence } } }" };
        var or = Enumerable.Range(0, items).Select(i => new { fqn = new { eq = $"x{i}" } }).ToArray();
        return new { query = "query($w: ChangeEventFilterInput) { events(first: 2, where: $w) { nodes { sequence } } }", variables = new { w = new { or } } };
    }

    private static string FragmentBomb(int levels) =>
        "{ entities(first: 1) { nodes { ...F1 } } } " + string.Join(" ", Enumerable.Range(1, levels - 1).Select(i =>
            $"fragment F{i} on Entity {{ fqn ...F{i + 1} a{i}: versions(first: 1) {{ nodes {{ entity {{ ...F{i + 1} }} }} }} }}")) + $" fragment F{levels} on Entity {{ fqn }}";

    // Accepting graphql-response+json, so that a refused document shows as 400, not 200.
    private static Task<int> GraphQLAsync(HttpClient client, object request) => PostAsync(client, "/graphql", JsonSerializer.SerializeToUtf8Bytes(request), null, GraphQLResponse);

    private const string GraphQLResponse = "application/graphql-response+json";

    private static async Task<int> BadStringsAsync(HttpClient client)
    {
        var worst = 0;
        foreach (var body in new[]
        {
            Encoding.UTF8.GetBytes("""{"query":"{ entity(fqn: \"\\ud800\") { fqn } }"}"""),
            Encoding.UTF8.GetBytes("""{"query":"query($x: String) { entity(fqn: $x) { fqn } }","variables":{"x":"\ud800"}}"""),
            Encoding.UTF8.GetBytes("""{"query":"{ events(where: { fqn: { contains: \"\\u0000\" } }) { nodes { sequence } } }"}"""),
            [.. Encoding.UTF8.GetBytes("""{"query":"{ entity(fqn: \"a"""), 0xC0, 0x80, .. Encoding.UTF8.GetBytes("""\") { fqn } }"}""")],
        })
            worst = Math.Max(worst, await PostAsync(client, "/graphql", body, null, GraphQLResponse));
        return worst;
    }

    private static async Task<int> SignedCorruptAsync(HttpClient client, string secret)
    {
        var worst = 0;
        var deep = new StringBuilder();
        for (var i = 0; i < 200; i++)
            deep.Append("{\"x\":");
        deep.Append("1").Append('}', 200);
        var id = Guid.NewGuid();
        foreach (var text in new[]
        {
            new OmEvent().ToJson().Replace("\"admin\"", "\"\\ud800\""),
            new OmEvent().ToJson().Replace("\"entityUpdated\"", "\"\\udc00\""),
            "{\"message\":\"test \\ud800\"}",
            new OmEvent { EntityId = id, Entity = null }.ToJson().TrimEnd('}') + $",\"entity\":{{\"id\":\"{id}\",\"deep\":{deep}}}}}",
            new OmEvent { Timestamp = -62135596800000 }.ToJson(),
        })
            worst = Math.Max(worst, await PostAsync(client, "/webhook/openmetadata", Encoding.UTF8.GetBytes(text), secret));
        var overlong = Encoding.UTF8.GetBytes(new OmEvent().ToJson()).ToList();
        overlong.InsertRange(overlong.Count / 2, new byte[] { 0xC0, 0x80 });
        return Math.Max(worst, await PostAsync(client, "/webhook/openmetadata", [.. overlong], secret));
    }

    private static Task<int> BigDeliveryAsync(HttpClient client, string secret)
    {
        var e = new OmEvent { EntityId = Guid.NewGuid(), Fqn = $"abuse.db.s.big{Guid.NewGuid():N}" };
        var changes = new List<(string, string, System.Text.Json.Nodes.JsonNode?, System.Text.Json.Nodes.JsonNode?)>(140_000);
        for (var i = 0; i < 140_000; i++)
            changes.Add(("fieldsUpdated", $"c{i}.description", $"o{i}", $"n{i}"));
        e = e with { Changes = changes };
        return PostAsync(client, "/webhook/openmetadata", e.ToBytes(), secret);
    }

    private static Task<int> HugeDescriptionsAsync(HttpClient client, string secret)
    {
        var description = new string('d', 100_000);
        var events = Enumerable.Range(0, 90).Select(i => OmEvent.Created(Guid.NewGuid(), $"abuse.db.s.huge{Guid.NewGuid():N}") with
        {
            Entity = new System.Text.Json.Nodes.JsonObject { ["description"] = description },
        }).ToArray();
        return PostAsync(client, "/webhook/openmetadata", Encoding.UTF8.GetBytes(OmEvent.Batch(events)), secret);
    }

    private static async Task<int> PostAsync(HttpClient client, string path, byte[] body, string? secret, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (accept is not null)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (secret is not null)
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, secret));
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    private static Uri WebSocketUri(Uri address) => new UriBuilder(address) { Scheme = "ws", Path = "/graphql" }.Uri;

    private static async Task<int> PongFloodAsync(Uri address)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(WebSocketUri(address), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"connection_init"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        var ping = Encoding.UTF8.GetBytes($$$"""{"type":"ping","payload":{"x":"{{{new string('p', 1_000_000)}}}"}}""");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (!limit.IsCancellationRequested)
                await socket.SendAsync(ping, WebSocketMessageType.Text, true, limit.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            return -1; // the server dropped the connection
        }
        catch (OperationCanceledException)
        {
        }
        // Still taking pings after 30 s means the server never gave up on this client: a failure.
        return 599;
    }

    private static async Task<int> NeverInitAsync(Uri address)
    {
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 100; i++)
            {
                var socket = new ClientWebSocket();
                socket.Options.AddSubProtocol("graphql-transport-ws");
                await socket.ConnectAsync(WebSocketUri(address), CancellationToken.None);
                sockets.Add(socket);
            }
            var worst = 0;
            foreach (var socket in sockets)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    while (socket.State == WebSocketState.Open)
                        await socket.ReceiveAsync(new byte[1024], limit.Token);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                }
                // Anything but 4408 (or a dropped connection) is unexpected.
                if (socket.CloseStatus is { } status && (int)status != 4408)
                    worst = 599;
                if (socket.State == WebSocketState.Open)
                    worst = 599;
            }
            return worst == 0 ? -4408 : worst;
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Dispose();
        }
    }

    /// Slowloris for bodies: each declares 1 MB and trickles it; the server answers 408 once
    /// the read timeout passes, or 503 when every large-body slot is taken.
    private static async Task<int> SlowBodiesAsync(Uri address)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(address.Host, address.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /graphql HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{{"));
            var reading = new StreamReader(stream, Encoding.ASCII).ReadLineAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                while (!reading.IsCompleted && !limit.IsCancellationRequested)
                {
                    await stream.WriteAsync(" "u8.ToArray(), limit.Token);
                    await Task.WhenAny(reading, Task.Delay(200, limit.Token));
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
            }
            var status = reading.IsCompletedSuccessfully ? reading.Result : null;
            return status is { Length: >= 12 } line && int.TryParse(line.AsSpan(9, 3), out var code) ? code : 599;
        }));
        return answers.Max();
    }
}
