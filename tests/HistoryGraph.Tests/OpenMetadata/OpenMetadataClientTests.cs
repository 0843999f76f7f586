using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadataApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.OpenMetadata;

/// The OpenMetadata client against a fake OpenMetadata: OpenMetadata's paths, methods, headers
/// and bodies; retries on 429 (after its Retry-After) and 5xx; errors with codes for the rest.
public sealed class OpenMetadataClientTests : IAsyncLifetime
{
    private FakeOpenMetadata _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeOpenMetadata.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private ServiceProvider Services(string? apiUrl = null, string token = FakeOpenMetadata.Token, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["OpenMetadata:ApiUrl"] = apiUrl ?? _fake.ApiUrl,
            ["OpenMetadata:BotToken"] = token,
            ["OpenMetadata:RetryDelaySeconds"] = "0.05",
            ["OpenMetadata:MaxRetries"] = "2",
        };
        foreach (var (key, value) in settings)
            values[key] = value;
        var services = new ServiceCollection().AddLogging();
        services.AddOpenMetadataApi(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }

    private OpenMetadataClient Client(params (string Key, string Value)[] settings) => Services(settings: settings).GetRequiredService<OpenMetadataClient>();

    [Fact]
    public async Task versions_are_read_from_the_collection_of_the_entity_type_with_the_bots_token()
    {
        var id = Guid.NewGuid();
        _fake.Respond = r => r.PathAndQuery == $"/api/v1/dashboard/datamodels/{id}/versions"
            ? new FakeOpenMetadata.Answer(200, """{"entityType":"dashboardDataModel","versions":["{\"id\":\"x\",\"version\":0.2}","{\"id\":\"x\",\"version\":0.1}"]}""")
            : null;

        var versions = await Client().GetVersionsAsync("dashboardDataModel", id, CancellationToken.None);

        Assert.Equal([0.2m, 0.1m], versions.Select(v => (decimal)JsonNode.Parse(v)!["version"]!));
        var request = Assert.Single(_fake.Requests);
        Assert.Equal(("GET", $"Bearer {FakeOpenMetadata.Token}"), (request.Method, request.Authorization));
    }

    [Fact]
    public async Task restore_and_create_are_puts_with_json_bodies_on_the_collection()
    {
        var id = Guid.NewGuid();
        var created = Guid.NewGuid();
        _fake.Respond = r => r.Method == "PUT" ? new FakeOpenMetadata.Answer(200, $$"""{"id":"{{(r.PathAndQuery.EndsWith("/restore") ? id : created)}}","name":"orders"}""") : null;
        var client = Client();

        await client.RestoreAsync("glossaryTerm", id, CancellationToken.None);
        await client.CreateOrUpdateAsync("table", new JsonObject { ["name"] = "orders", ["databaseSchema"] = "db.s" }, CancellationToken.None);

        var (restore, create) = (_fake.Requests[0], _fake.Requests[1]);
        Assert.Equal(("PUT", "/api/v1/glossaryTerms/restore", $$"""{"id":"{{id}}"}"""), (restore.Method, restore.PathAndQuery, restore.Body));
        Assert.Equal(("PUT", "/api/v1/tables", """{"name":"orders","databaseSchema":"db.s"}"""), (create.Method, create.PathAndQuery, create.Body));
        Assert.All(_fake.Requests, r => Assert.StartsWith("application/json", r.ContentType));
    }

    [Fact]
    public async Task events_are_asked_for_every_type_from_an_instant_in_epoch_milliseconds_and_the_page_is_kept_as_sent()
    {
        const string body = """{"data":[{"id":"a","eventType":"entityCreated"},{"id":"b","eventType":"entityUpdated"}],"paging":{"total":2,"after":"c2Vx"}}""";
        _fake.Respond = r => r.PathAndQuery.StartsWith("/api/v1/events?") ? new FakeOpenMetadata.Answer(200, body) : null;

        var page = await Client().GetEventsAsync(1793491200000, null, null, CancellationToken.None);
        await Client().GetEventsAsync(1793491200000, null, page.After, CancellationToken.None);

        Assert.Equal(body, Encoding.UTF8.GetString(page.Body));
        Assert.Equal("c2Vx", page.After);
        await Client().GetEventsAsync(1793491200000, 1793577600000, null, CancellationToken.None);
        // Releases that page the log take endTs and limit; older ones ignore them.
        Assert.Equal(["/api/v1/events?entityCreated=*&entityUpdated=*&entityRestored=*&entityDeleted=*&timestamp=1793491200000&limit=500",
            "/api/v1/events?entityCreated=*&entityUpdated=*&entityRestored=*&entityDeleted=*&timestamp=1793491200000&limit=500&after=c2Vx",
            "/api/v1/events?entityCreated=*&entityUpdated=*&entityRestored=*&entityDeleted=*&timestamp=1793491200000&endTs=1793577600000&limit=500"], _fake.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task an_answer_that_trickles_in_is_cut_off_after_the_request_timeout()
    {
        _fake.Respond = _ => new FakeOpenMetadata.Answer(200, """{"data":[],"paging":{"total":0}}""", Trickle: TimeSpan.FromMilliseconds(400));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<OpenMetadataException>(() =>
            Client(("OpenMetadata:RequestTimeoutSeconds", "1")).GetEventsAsync(1793491200000, null, null, CancellationToken.None));

        Assert.Equal("OPENMETADATA_UNREACHABLE", error.Code);
        Assert.Contains("RequestTimeoutSeconds", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task an_answer_larger_than_the_limit_is_refused_without_being_read_whole()
    {
        var huge = "{\"data\":[" + string.Join(",", Enumerable.Repeat("{\"eventType\":\"entityUpdated\"}", 5000)) + "]}";
        _fake.Respond = _ => new FakeOpenMetadata.Answer(200, huge);

        var error = await Assert.ThrowsAsync<OpenMetadataException>(() =>
            Client(("OpenMetadata:MaxResponseBytes", "4096")).GetEventsAsync(1793491200000, null, null, CancellationToken.None));

        Assert.Equal("OPENMETADATA_ANSWER_TOO_LARGE", error.Code);
        Assert.Contains("OpenMetadata:MaxResponseBytes", error.Message);
    }

    [Fact]
    public async Task redirects_are_followed_within_openmetadatas_origin_only()
    {
        await using var elsewhere = await FakeOpenMetadata.StartAsync();
        elsewhere.Respond = _ => new FakeOpenMetadata.Answer(200, """{"data":[],"paging":{"total":0}}""");
        _fake.Respond = r => r.PathAndQuery.StartsWith("/api/v1/events?") ? new FakeOpenMetadata.Answer(307, "", Location: "/api/v1/moved/events")
            : r.PathAndQuery == "/api/v1/moved/events" ? new FakeOpenMetadata.Answer(200, """{"data":[],"paging":{"total":0}}""")
            : r.PathAndQuery.StartsWith("/api/v1/tables/") ? new FakeOpenMetadata.Answer(302, "", Location: elsewhere.ApiUrl + "/v1/tables/x/versions")
            : null;
        var client = Client();

        var page = await client.GetEventsAsync(1793491200000, null, null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<OpenMetadataException>(() => client.GetVersionsAsync("table", Guid.NewGuid(), CancellationToken.None));

        Assert.Equal("""{"data":[],"paging":{"total":0}}""", Encoding.UTF8.GetString(page.Body));
        Assert.Equal("OPENMETADATA_REDIRECTED", error.Code);
        Assert.Empty(elsewhere.Requests);
    }

    [Theory]
    [InlineData("<html>ok</html>")]
    [InlineData("[]")]
    [InlineData("""{"status":"ok"}""")]
    [InlineData("""{"id":"00000000-0000-0000-0000-000000000001"}""")]
    public async Task a_restore_answered_with_anything_but_the_restored_entity_is_not_a_success(string answer)
    {
        _fake.Respond = _ => new FakeOpenMetadata.Answer(200, answer);

        var error = await Assert.ThrowsAsync<OpenMetadataException>(() => Client().RestoreAsync("table", Guid.NewGuid(), CancellationToken.None));

        Assert.Equal("OPENMETADATA_REFUSED", error.Code);
    }

    [Fact]
    public async Task a_429_is_retried_after_the_time_openmetadata_asks_for()
    {
        var calls = 0;
        _fake.Respond = _ => Interlocked.Increment(ref calls) == 1
            ? new FakeOpenMetadata.Answer(429, """{"code":429,"message":"Too many requests"}""", RetryAfter: TimeSpan.FromSeconds(1))
            : new FakeOpenMetadata.Answer(200, """{"versions":[]}""");
        var clock = Stopwatch.StartNew();

        Assert.Empty(await Client().GetVersionsAsync("table", Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(2, _fake.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task server_errors_are_retried_and_then_reported_with_openmetadatas_status_and_message()
    {
        _fake.Respond = _ => new FakeOpenMetadata.Answer(500, """{"code":500,"message":"Search index is down"}""");

        var error = await Assert.ThrowsAsync<OpenMetadataException>(() => Client().GetVersionAsync("table", Guid.NewGuid(), 0.3m, CancellationToken.None));

        Assert.Equal(("OPENMETADATA_REFUSED", 500), (error.Code, error.Status));
        Assert.Contains("Search index is down", error.Message);
        Assert.Equal(3, _fake.Requests.Count); // the first try and two retries
        Assert.EndsWith("/versions/0.3", _fake.Requests[0].PathAndQuery);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(404)]
    public async Task client_errors_are_not_retried(int status)
    {
        _fake.Respond = _ => new FakeOpenMetadata.Answer(404, """{"code":404,"message":"table instance for x not found"}""");
        var client = status == 401 ? Services(token: "wrong").GetRequiredService<OpenMetadataClient>() : Client();

        var error = await Assert.ThrowsAsync<OpenMetadataException>(() => client.RestoreAsync("table", Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(("OPENMETADATA_REFUSED", status), (error.Code, error.Status));
        Assert.Contains(status == 401 ? "Not Authorized" : "not found", error.Message);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task an_openmetadata_that_does_not_answer_in_time_is_unreachable_after_the_retries()
    {
        _fake.Respond = _ => new FakeOpenMetadata.Answer(200, "{}", Delay: TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<OpenMetadataException>(() =>
            Client(("OpenMetadata:RequestTimeoutSeconds", "0.3")).GetVersionsAsync("table", Guid.NewGuid(), CancellationToken.None));

        Assert.Equal("OPENMETADATA_UNREACHABLE", error.Code);
        Assert.Equal(3, _fake.Requests.Count);
    }

    [Fact]
    public async Task a_refused_connection_is_unreachable_and_an_unknown_type_or_missing_url_say_so()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var unreachable = Services(apiUrl: $"http://127.0.0.1:{port}/api").GetRequiredService<OpenMetadataClient>();
        Assert.Equal("OPENMETADATA_UNREACHABLE", (await Assert.ThrowsAsync<OpenMetadataException>(() => unreachable.GetVersionsAsync("table", Guid.NewGuid(), CancellationToken.None))).Code);

        Assert.Equal("UNSUPPORTED_ENTITY_TYPE", (await Assert.ThrowsAsync<OpenMetadataException>(() => Client().RestoreAsync("spaceship", Guid.NewGuid(), CancellationToken.None))).Code);
        var unconfigured = Services(apiUrl: "").GetRequiredService<OpenMetadataClient>();
        Assert.Equal("OPENMETADATA_NOT_CONFIGURED", (await Assert.ThrowsAsync<OpenMetadataException>(() => unconfigured.GetVersionsAsync("table", Guid.NewGuid(), CancellationToken.None))).Code);
        Assert.Empty(_fake.Requests);
    }
}
