using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.Tests.Live;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Access;

/// Bearer tokens from a real OpenID Connect issuer started by the test: roles from the token's
/// claim, OpenMetadata's OAuth2 webhook mode, and every way a token can be wrong (forged,
/// expired, for another audience, from an issuer not configured, without a role).
public sealed class TokenAccessTests : IAsyncLifetime
{
    private static readonly TestIssuer.Client Reader = new("dashboard", "dashboard-secret", ["historygraph.read"]);
    private static readonly TestIssuer.Client Admin = new("ops", "ops-secret", ["historygraph.admin"]);
    private static readonly TestIssuer.Client OpenMetadata = new("openmetadata", "om-secret", ["historygraph.ingest"]);
    private static readonly TestIssuer.Client NoRole = new("nobody", "nobody-secret", ["something.else"]);
    private static readonly TestIssuer.Client ShortLived = new("brief", "brief-secret", ["historygraph.read"], TimeSpan.FromSeconds(3));
    private static readonly TestIssuer.Client OtherAudience = new("elsewhere", "elsewhere-secret", ["historygraph.read"], Audience: "another-api");
    private static readonly TestIssuer.Client[] Clients = [Reader, Admin, OpenMetadata, NoRole, ShortLived, OtherAudience];

    private readonly string _path = TestStores.NewSqlitePath();
    private int _issuerPort;
    private TestIssuer _issuer = null!;
    private HistoryGraphServer _server = null!;

    public async Task InitializeAsync()
    {
        _issuerPort = TestIssuer.FreePort();
        _issuer = await TestIssuer.StartAsync(_issuerPort, Clients);
        _server = await HistoryGraphServer.StartAsync(
            $"ConnectionStrings:History=Data Source={_path}", "Auth:AllowAnonymousReads=false",
            $"Auth:Issuers:0:Authority={_issuer.Address}", $"Auth:Issuers:0:Audience={TestIssuer.Audience}", "Auth:Issuers:0:RequireHttpsMetadata=false", "Auth:Issuers:0:ClockSkewSeconds=1",
            "Auth:Issuers:0:Roles:historygraph.read=reader", "Auth:Issuers:0:Roles:historygraph.admin=admin", "Auth:Issuers:0:Roles:historygraph.ingest=ingest");
        await PostgresServerFixture.WaitHealthyAsync(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _issuer.DisposeAsync();
        TestStores.DeleteSqlite(_path);
    }

    private Task<string> TokenAsync(TestIssuer.Client client) => _issuer.TokenAsync(client.Id, client.Secret);

    private async Task<(HttpStatusCode Status, JsonNode Body)> GraphQLAsync(string token, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string? Code(JsonNode body) => (string?)(body["errors"]?[0]?["extensions"]?["code"] ?? body["code"]);

    private async Task<HttpResponseMessage> DeliverAsync(string? token, OmEvent change)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = new ByteArrayContent(change.ToBytes()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _server.Client.SendAsync(request);
    }

    [Fact]
    public async Task the_roles_in_a_token_decide_what_it_may_do()
    {
        var reader = await TokenAsync(Reader);
        var read = await GraphQLAsync(reader, "{ events(first: 1) { totalCount } }");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Null(read.Body["errors"]);
        Assert.Equal("AUTH_NOT_AUTHORIZED", Code((await GraphQLAsync(reader, "{ apiKeys { id } }")).Body));

        var admin = await TokenAsync(Admin);
        var keys = await GraphQLAsync(admin, "{ apiKeys { id } }");
        Assert.Null(keys.Body["errors"]);

        var noRole = await GraphQLAsync(await TokenAsync(NoRole), "{ events(first: 1) { totalCount } }");
        Assert.Equal(HttpStatusCode.Forbidden, noRole.Status);
        Assert.Equal("AUTH_NOT_AUTHORIZED", Code(noRole.Body));
    }

    [Fact]
    public async Task openmetadatas_oauth2_webhook_mode_stores_deliveries_and_nothing_else_does()
    {
        var change = OmEvent.Created(Guid.NewGuid(), "oauth.db.s.delivered");
        using (var stored = await DeliverAsync(await TokenAsync(OpenMetadata), change))
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var admin = await TokenAsync(Admin);
        var found = await GraphQLAsync(admin, $$"""{ events(where: { entityId: { eq: "{{change.EntityId}}" } }) { totalCount } }""");
        Assert.Equal(1, (int)found.Body["data"]!["events"]!["totalCount"]!);

        // A reader's token may not deliver, and a forged or missing one stores nothing.
        var refusedChange = OmEvent.Created(Guid.NewGuid(), "oauth.db.s.refused");
        using (var byReader = await DeliverAsync(await TokenAsync(Reader), refusedChange))
            Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        using (var forged = await DeliverAsync(Forge(await TokenAsync(OpenMetadata)), refusedChange))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using (var none = await DeliverAsync(null, refusedChange))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        var missing = await GraphQLAsync(admin, $$"""{ events(where: { entityId: { eq: "{{refusedChange.EntityId}}" } }) { totalCount } }""");
        Assert.Equal(0, (int)missing.Body["data"]!["events"]!["totalCount"]!);
    }

    /// The token with its payload changed (roles added), its signature left as it was.
    private static string Forge(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(parts[1])))!;
        payload["roles"] = new JsonArray("historygraph.admin", "historygraph.ingest");
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    [Fact]
    public async Task forged_expired_foreign_and_unknown_tokens_are_refused_with_401()
    {
        var forged = await GraphQLAsync(Forge(await TokenAsync(Reader)), "{ events(first: 1) { totalCount } }");
        var otherAudience = await GraphQLAsync(await TokenAsync(OtherAudience), "{ events(first: 1) { totalCount } }");
        var expiring = await TokenAsync(ShortLived);
        Assert.Equal(HttpStatusCode.OK, (await GraphQLAsync(expiring, "{ events(first: 1) { totalCount } }")).Status);

        await using var foreignIssuer = await TestIssuer.StartAsync(Clients);
        var foreign = await GraphQLAsync(await foreignIssuer.TokenAsync(Reader.Id, Reader.Secret), "{ events(first: 1) { totalCount } }");
        foreach (var (status, body) in new[] { forged, otherAudience, foreign })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(body));
        }
        Assert.Contains("audience", (string?)otherAudience.Body["errors"]![0]!["message"]);

        // Past its lifetime and the second of clock skew allowed here.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var expired = await GraphQLAsync(expiring, "{ events(first: 1) { totalCount } }");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("expired", (string?)expired.Body["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task a_live_connection_closes_when_its_token_expires_and_resumes_with_a_fresh_one()
    {
        var first = OmEvent.Created(Guid.NewGuid(), "oauth.db.s.live");
        using (var stored = await DeliverAsync(await TokenAsync(OpenMetadata), first))
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);

        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync(new JsonObject { ["Authorization"] = "Bearer " + await TokenAsync(ShortLived) });
        await socket.SendAsync("""{"id":"1","type":"subscribe","payload":{"query":"subscription { changes(after: 0) { sequence } }"}}""");
        var seen = (long)(await socket.ReceiveAsync("next"))["payload"]!["data"]!["changes"]!["sequence"]!;

        // The token lives 3 seconds: the connection ends then.
        Assert.Equal(4403, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(20)));

        var missed = first.Next();
        using (var stored = await DeliverAsync(await TokenAsync(OpenMetadata), missed))
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        await using var again = await ProtocolSocket.ConnectAsync(_server);
        await again.InitAsync(new JsonObject { ["Authorization"] = "Bearer " + await TokenAsync(Reader) });
        await again.SendAsync($$$"""{"id":"1","type":"subscribe","payload":{"query":"subscription { changes(after: {{{seen}}}) { sequence eventId } }"}}""");
        var resumed = (await again.ReceiveAsync("next"))["payload"]!["data"]!["changes"]!;
        Assert.Equal(seen + 1, (long)resumed["sequence"]!);
        Assert.Equal(missed.Id, (string?)resumed["eventId"]);
    }

    [Fact]
    public async Task a_token_signed_with_the_issuers_new_key_is_accepted_after_the_keys_are_fetched_again()
    {
        Assert.Equal(HttpStatusCode.OK, (await GraphQLAsync(await TokenAsync(Reader), "{ events(first: 1) { totalCount } }")).Status);

        // The issuer starts again on its address with a new signing key.
        await _issuer.DisposeAsync();
        _issuer = await TestIssuer.StartAsync(_issuerPort, Clients);
        var signedWithNewKey = await GraphQLAsync(await TokenAsync(Reader), "{ events(first: 1) { totalCount } }");
        Assert.Equal(HttpStatusCode.OK, signedWithNewKey.Status);
        Assert.Null(signedWithNewKey.Body["errors"]);
    }
}
