using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Tests.Live;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Access;

/// Every surface against every kind of caller, on a production server with anonymous reads
/// off: what each role may do, and the status and code of every refusal. Keys are made the way
/// an operator makes them (the admin mutation, with a configured admin key).
public class AccessMatrixTests(AccessMatrixTests.ServerFixture fixture) : IClassFixture<AccessMatrixTests.ServerFixture>
{
    public const string ConfiguredAdmin = "configured-admin-key";
    public const string ConfiguredReader = "configured-reader-key";

    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => [$"Admin:ApiKeys:0={ConfiguredAdmin}", $"Streaming:ApiKeys:0={ConfiguredReader}", "Auth:AllowAnonymousReads=false"];

        /// Keys by kind: reader, admin, ingest (stored), revoked, expired (rotated away), forged.
        public Dictionary<string, string?> Keys { get; } = new();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            foreach (var role in new[] { "READER", "ADMIN", "INGEST" })
                Keys[role.ToLowerInvariant()] = await CreateAsync(role, "matrix " + role);
            var revoked = await CreateAsync("ADMIN", "revoked");
            await AdminAsync($$"""mutation { revokeApiKey(id: "{{ApiKeyId(revoked)}}") { revokedAt } }""");
            Keys["revoked"] = revoked;
            var expired = await CreateAsync("ADMIN", "expired");
            await AdminAsync($$"""mutation { rotateApiKey(id: "{{ApiKeyId(expired)}}", overlapMinutes: 0) { key } }""");
            Keys["expired"] = expired;
            // The shape of a key, with an id and secret nobody made.
            Keys["forged"] = "hg_abcdefghijkl_" + new string('A', 43);
            Keys["none"] = null;
            Keys["configured admin"] = ConfiguredAdmin;
            Keys["configured reader"] = ConfiguredReader;
        }

        private async Task<string> CreateAsync(string role, string name)
        {
            var data = await AdminAsync($$"""mutation { createApiKey(name: "{{name}}", role: {{role}}) { key apiKey { id role } } }""");
            return (string)data["createApiKey"]!["key"]!;
        }

        private async Task<JsonNode> AdminAsync(string query)
        {
            var body = await Server.AdminGraphQLAsync(query, null, ConfiguredAdmin);
            Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
            return JsonNode.Parse(body.GetProperty("data").GetRawText())!;
        }
    }

    public static string ApiKeyId(string key) => key.Split('_')[1];

    private readonly HistoryGraphServer _server = fixture.Server;

    // Who may: R reader, A admin, I ingest; configured keys are admin and reader.
    public static TheoryData<string> Callers => new() { "none", "reader", "admin", "ingest", "revoked", "expired", "forged", "configured admin", "configured reader" };

    private static bool IsReader(string caller) => caller is "reader" or "admin" or "configured admin" or "configured reader";
    private static bool IsAdmin(string caller) => caller is "admin" or "configured admin";
    private static bool IsInvalid(string caller) => caller is "revoked" or "expired" or "forged";

    /// What a refused HTTP request must be answered: 401 AUTH_NOT_AUTHENTICATED with a challenge
    /// for no or invalid credentials, 403 AUTH_NOT_AUTHORIZED for a valid key of another role.
    private static async Task AssertRefusedAsync(HttpResponseMessage response, string caller)
    {
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body)!;
        var code = (string?)(json["errors"]?[0]?["extensions"]?["code"] ?? json["code"]);
        if (caller == "none" || IsInvalid(caller))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("AUTH_NOT_AUTHENTICATED", code);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("AUTH_NOT_AUTHORIZED", code);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string caller, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (fixture.Keys[caller] is { } key)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task graphql_queries_over_post_and_get_need_the_reader_role(string caller)
    {
        using var post = await _server.Client.SendAsync(Request(HttpMethod.Post, "/graphql", caller, JsonContent.Create(new { query = "{ events(first: 1) { totalCount } }" })));
        using var get = await _server.Client.SendAsync(Request(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ events(first: 1) { totalCount } }"), caller));
        foreach (var response in new[] { post, get })
        {
            if (IsReader(caller))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["events"]);
            }
            else
                await AssertRefusedAsync(response, caller);
        }
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task mutations_and_admin_queries_need_the_admin_role(string caller)
    {
        foreach (var query in new[] { """mutation { revokeApiKey(id: "zzzzzzzzzzzz") { id } }""", "{ apiKeys { id } }", "{ restoreAttempts(first: 1) { totalCount } }",
            "{ purgeRuns(first: 1) { totalCount } }", "{ notificationTargets(first: 1) { totalCount } }" })
        {
            using var response = await _server.Client.SendAsync(Request(HttpMethod.Post, "/graphql", caller, JsonContent.Create(new { query })));
            if (!IsReader(caller))
            {
                await AssertRefusedAsync(response, caller);
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var code = (string?)body["errors"]?[0]?["extensions"]?["code"];
            if (IsAdmin(caller))
                Assert.True(code is null or "KEY_NOT_FOUND", $"{query}: {body}");
            else
                Assert.Equal("AUTH_NOT_AUTHORIZED", code);
        }
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task events_need_the_reader_role_and_export_the_admin_role(string caller)
    {
        using var events = await _server.Client.SendAsync(Request(HttpMethod.Get, "/events?limit=1", caller));
        if (IsReader(caller))
            Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        else
            await AssertRefusedAsync(events, caller);

        using var export = await _server.Client.SendAsync(Request(HttpMethod.Get, "/export?format=csv", caller));
        if (IsAdmin(caller))
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        else if (IsReader(caller))
            await AssertRefusedAsync(export, "reader");
        else
            await AssertRefusedAsync(export, caller);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task the_ide_needs_the_reader_role_and_asks_a_browser_for_the_key(string caller)
    {
        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, "/graphql/", caller));
        if (IsReader(caller))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        await AssertRefusedAsync(response, caller);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task a_browser_may_give_the_key_as_the_basic_password()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + fixture.Keys["reader"])));
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task health_is_open_to_everyone(string caller)
    {
        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, "/health", caller));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task live_connections_need_the_reader_role(string caller)
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        var payload = new JsonObject();
        if (fixture.Keys[caller] is { } key)
            payload["Authorization"] = "Bearer " + key;
        if (IsReader(caller))
            await socket.InitAsync(payload);
        else
        {
            await socket.SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = payload });
            Assert.Equal(4403, await socket.ReceiveCloseAsync());
        }

        var sse = Request(HttpMethod.Post, "/graphql", caller, JsonContent.Create(new { query = "{ __typename }" }));
        sse.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var stream = await _server.Client.SendAsync(sse);
        if (IsReader(caller))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            Assert.StartsWith("event: next", await stream.Content.ReadAsStringAsync());
        }
        else
            await AssertRefusedAsync(stream, caller);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task unsigned_webhooks_need_the_ingest_role(string caller)
    {
        var body = OmEvent.Created(Guid.NewGuid(), "svc.db.schema.matrix_" + caller.Replace(' ', '_')).ToBytes();
        var request = Request(HttpMethod.Post, "/webhook/openmetadata", caller, new ByteArrayContent(body));
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _server.Client.SendAsync(request);
        if (caller == "ingest")
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        var code = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"];
        if (caller == "none")
        {
            // Secrets are configured here: the answer names the missing signature.
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("SIGNATURE_INVALID", code);
        }
        else
            await AssertRefusedAsync(response, IsInvalid(caller) ? caller : "reader");
    }

    [Fact]
    public async Task a_signed_delivery_needs_no_key_and_a_proxy_header_does_not_refuse_it()
    {
        var body = OmEvent.Created(Guid.NewGuid(), "svc.db.schema.signed_with_proxy_header").ToBytes();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, HistoryGraphServer.Secret));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("proxy:not-ours")));
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
