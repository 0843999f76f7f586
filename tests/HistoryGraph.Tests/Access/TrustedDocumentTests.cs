using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Tests.Live;
using HistoryGraph.TestSupport;
using HistoryGraph.TrustedDocuments;
using Npgsql;

namespace HistoryGraph.Tests.Access;

/// Trusted documents, enforced: readers send ids (the appendix's `documentId`, Hot Chocolate's
/// `id`, Apollo's persisted query hash) of documents from a directory, a manifest or an admin's
/// registration; their text is refused, an unknown id costs no query; admins send anything.
public class TrustedDocumentTests(TrustedDocumentTests.ServerFixture fixture) : IClassFixture<TrustedDocumentTests.ServerFixture>
{
    public const string AdminKey = "trusted-admin";
    public const string FromDirectory = "query FromDirectory { events(first: 1) { totalCount } }";
    public const string FromManifest = "query FromManifest { users(first: 1) { totalCount } }";
    public const string Misnamed = "query Misnamed { __typename }";

    public sealed class ServerFixture : PostgresServerFixture
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("trusted-").FullName;

        protected override string[] Settings
        {
            get
            {
                var directory = Directory.CreateDirectory(Path.Combine(Folder, "documents")).FullName;
                File.WriteAllText(Path.Combine(directory, TrustedDocumentStore.HashOf(FromDirectory) + ".graphql"), FromDirectory);
                // Named after another document's hash: left out.
                File.WriteAllText(Path.Combine(directory, TrustedDocumentStore.HashOf(FromDirectory).Replace('a', 'b') + ".graphql"), Misnamed);
                var manifest = Path.Combine(Folder, "manifest.json");
                File.WriteAllText(manifest, new JsonObject
                {
                    ["format"] = "apollo-persisted-query-manifest",
                    ["version"] = 1,
                    ["operations"] = new JsonArray(new JsonObject { ["id"] = TrustedDocumentStore.HashOf(FromManifest), ["name"] = "FromManifest", ["type"] = "query", ["body"] = FromManifest }),
                }.ToJsonString());
                return [$"Admin:ApiKeys:0={AdminKey}", "Auth:AllowAnonymousReads=false", "GraphQL:TrustedDocuments:Mode=Enforce",
                    $"GraphQL:TrustedDocuments:Directory={directory}", $"GraphQL:TrustedDocuments:Manifest={manifest}"];
            }
        }

        public string ReaderKey { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            // The admin sends text, as Banana Cake Pop does.
            var created = await Server.AdminQueryAsync("""mutation { createApiKey(name: "dashboard", role: READER) { key } }""", AdminKey);
            ReaderKey = created.GetProperty("createApiKey").GetProperty("key").GetString()!;
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private readonly HistoryGraphServer _server = fixture.Server;

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string key, object request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(request) };
        message.Headers.Add("X-Api-Key", key);
        using var response = await _server.Client.SendAsync(message);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string? Code(JsonNode body) => (string?)body["errors"]?[0]?["extensions"]?["code"];

    [Fact]
    public async Task a_registered_document_is_answered_by_each_kind_of_id_as_by_its_text()
    {
        const string document = "query Recent($first: Int) { events(first: $first) { nodes { sequence } } }";
        var answer = await _server.AdminGraphQLAsync("mutation ($documents: [String!]!) { registerTrustedDocuments(documents: $documents) { id operationNames registeredBy } }",
            new { documents = new[] { document } }, AdminKey);
        var registered = answer.GetProperty("data").GetProperty("registerTrustedDocuments")[0];
        var hash = TrustedDocumentStore.HashOf(document);
        Assert.Equal("sha256:" + hash, registered.GetProperty("id").GetString());
        Assert.Equal("Recent", registered.GetProperty("operationNames").GetString());
        Assert.Equal("admin key 1", registered.GetProperty("registeredBy").GetString());

        var byText = await PostAsync(AdminKey, new { query = document, variables = new { first = 2 } });
        var expected = byText.Body["data"]!.ToJsonString();
        foreach (var request in new object[]
        {
            new { documentId = "sha256:" + hash, variables = new { first = 2 } },
            new { id = hash, variables = new { first = 2 } },
            new { variables = new { first = 2 }, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } },
        })
        {
            var (status, body) = await PostAsync(fixture.ReaderKey, request);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(body["errors"]);
            Assert.Equal(expected, body["data"]!.ToJsonString());
        }
        var listed = await _server.AdminQueryAsync("{ trustedDocuments { id } }", AdminKey);
        Assert.Contains(listed.GetProperty("trustedDocuments").EnumerateArray(), d => d.GetProperty("id").GetString() == "sha256:" + hash);
    }

    [Fact]
    public async Task documents_from_the_directory_and_the_manifest_are_trusted_and_a_misnamed_file_is_not()
    {
        foreach (var document in new[] { FromDirectory, FromManifest })
        {
            var (status, body) = await PostAsync(fixture.ReaderKey, new { documentId = "sha256:" + TrustedDocumentStore.HashOf(document) });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(body["errors"]);
        }
        var misnamed = await PostAsync(fixture.ReaderKey, new { documentId = "sha256:" + TrustedDocumentStore.HashOf(FromDirectory).Replace('a', 'b') });
        Assert.Equal("DOCUMENT_NOT_FOUND", Code(misnamed.Body));
    }

    [Fact]
    public async Task a_reader_sending_text_is_refused_and_an_admin_is_not()
    {
        var refused = await PostAsync(fixture.ReaderKey, new { query = "{ events(first: 1) { totalCount } }" });
        Assert.Equal("DOCUMENT_ID_MISSING", Code(refused.Body));
        Assert.Null(refused.Body["data"]);
        var admin = await PostAsync(AdminKey, new { query = "{ events(first: 1) { totalCount } }" });
        Assert.Null(admin.Body["errors"]);

        var disagreeing = await PostAsync(fixture.ReaderKey, new { query = "{ __typename }", documentId = "sha256:" + TrustedDocumentStore.HashOf(FromDirectory) });
        Assert.Equal("INVALID_REQUEST", Code(disagreeing.Body));
        var malformed = await PostAsync(fixture.ReaderKey, new { documentId = "sha256:NOT-A-HASH" });
        Assert.Equal("DOCUMENT_ID_INVALID", Code(malformed.Body));
    }

    [Fact]
    public async Task an_unknown_id_is_refused_without_a_query_to_the_database()
    {
        using var counter = await SqlCommandCounter.StartAsync(new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!);
        // The key's look-up (kept 5 s) and its last use (written in the background) happen first.
        await PostAsync(fixture.ReaderKey, new { documentId = "sha256:" + TrustedDocumentStore.HashOf(FromDirectory) });
        await Task.Delay(500);
        counter.Reset();
        var unknown = await PostAsync(fixture.ReaderKey, new { documentId = "sha256:" + new string('0', 64) });
        Assert.Equal("DOCUMENT_NOT_FOUND", Code(unknown.Body));
        // The server's own background work (a checkpoint, notifications) may query meanwhile.
        Assert.Empty(counter.InRequests);
    }

    [Fact]
    public async Task readers_and_admins_registering_documents()
    {
        var byReader = await PostAsync(fixture.ReaderKey, new { query = """mutation { registerTrustedDocuments(documents: ["{ __typename }"]) { id } }""" });
        // Text from a reader is refused before the mutation is looked at.
        Assert.Equal("DOCUMENT_ID_MISSING", Code(byReader.Body));
        var broken = await _server.AdminGraphQLAsync("""mutation { registerTrustedDocuments(documents: ["{ events( "]) { id } }""", null, AdminKey);
        Assert.Equal("INVALID_ARGUMENT", broken.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task subscriptions_by_id_over_a_websocket_and_an_event_stream()
    {
        const string document = "subscription Live { changes(after: 0) { sequence } }";
        await _server.AdminQueryAsync($$"""mutation { registerTrustedDocuments(documents: ["{{document}}"]) { id } }""", AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await _server.PostAsync(OmEvent.Created(Guid.NewGuid(), "trusted.db.s.live").ToJson())).StatusCode);

        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync(new JsonObject { ["apiKey"] = fixture.ReaderKey });
        await socket.SendAsync(new JsonObject
        {
            ["id"] = "1", ["type"] = "subscribe", ["payload"] = new JsonObject { ["documentId"] = "sha256:" + TrustedDocumentStore.HashOf(document) },
        });
        Assert.NotNull((await socket.ReceiveAsync("next"))["payload"]!["data"]!["changes"]!["sequence"]);

        var sse = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { documentId = "sha256:" + TrustedDocumentStore.HashOf(document) }) };
        sse.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        sse.Headers.Add("X-Api-Key", fixture.ReaderKey);
        using var stream = await _server.Client.SendAsync(sse, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal("event: next", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)));
    }
}
