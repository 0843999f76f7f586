using System.Text.Json.Nodes;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Webhooks;

public class WebhookEndpointTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private HistoryGraphServer Server => fixture.Server;

    private async Task<T> QueryAsync<T>(Func<HistoryDbContext, Task<T>> query)
    {
        using var scope = Server.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<HistoryDbContext>());
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task a_signed_event_is_stored_before_the_200()
    {
        var e = OmEvent.Created(Guid.NewGuid(), "mysql.shop.public.customers");
        var response = await Server.PostAsync(e.ToJson());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await JsonAsync(response);
        Assert.Equal(1, receipt.GetProperty("stored").GetInt32());
        var sequence = receipt.GetProperty("sequences")[0].GetInt64();
        var stored = await QueryAsync(db => db.ChangeEvents.SingleAsync(x => x.EventKey == e.Id));
        Assert.Equal(sequence, stored.Sequence);
        Assert.Equal("mysql.shop.public.customers", stored.EntityFqn);
    }

    [Theory]
    [InlineData("01-")]
    [InlineData("02-")]
    [InlineData("03-")]
    [InlineData("c01-")]
    [InlineData("c02-")]
    [InlineData("c03-")]
    [InlineData("c07-")]
    public async Task every_sample_delivery_is_accepted(string sample)
    {
        var response = await Server.PostAsync(Samples.Bytes(sample));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_delivery_signed_with_a_wrong_secret_is_401_and_not_stored()
    {
        var e = new OmEvent { EntityId = Guid.NewGuid() };
        await AssertProblemAsync(await Server.PostAsync(e.ToJson(), secret: "not-the-secret"), HttpStatusCode.Unauthorized, "SIGNATURE_INVALID");
        Assert.False(await QueryAsync(db => db.ChangeEvents.AnyAsync(x => x.EntityId == e.EntityId)));
    }

    [Fact]
    public async Task a_hex_signature_is_401()
    {
        var body = new OmEvent().ToBytes();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-OM-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HistoryGraphServer.Secret), body)));
        await AssertProblemAsync(await Server.Client.SendAsync(request), HttpStatusCode.Unauthorized, "SIGNATURE_INVALID");
    }

    [Fact]
    public async Task a_tampered_body_is_401()
    {
        var e = new OmEvent { EntityId = Guid.NewGuid() };
        var signed = e.ToBytes();
        var tampered = Encoding.UTF8.GetBytes(e.ToJson().Replace("\"admin\"", "\"mallory\""));
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = new ByteArrayContent(tampered) };
        request.Headers.Add("X-OM-Signature", Ingestion.OpenMetadata.WebhookSignature.Sign(signed, HistoryGraphServer.Secret));
        await AssertProblemAsync(await Server.Client.SendAsync(request), HttpStatusCode.Unauthorized, "SIGNATURE_INVALID");
        Assert.False(await QueryAsync(db => db.ChangeEvents.AnyAsync(x => x.EntityId == e.EntityId)));
    }

    [Fact]
    public async Task a_missing_signature_is_401() =>
        await AssertProblemAsync(await Server.PostAsync(new OmEvent().ToJson(), secret: null), HttpStatusCode.Unauthorized, "SIGNATURE_INVALID");

    [Fact]
    public async Task both_secrets_of_a_rotation_are_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await Server.PostAsync(new OmEvent().ToJson(), HistoryGraphServer.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.PostAsync(new OmEvent().ToJson(), HistoryGraphServer.RotatedSecret)).StatusCode);
    }

    [Fact]
    public async Task a_batch_is_stored_whole()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "kafka.events.batch");
        var response = await Server.PostAsync(OmEvent.Batch(created, created.Next().Set("description", "x")));
        var receipt = await JsonAsync(response);
        Assert.Equal((2, 2), (receipt.GetProperty("events").GetInt32(), receipt.GetProperty("stored").GetInt32()));
        Assert.Equal(0.2m, (await QueryAsync(db => db.Entities.SingleAsync(x => x.EntityId == created.EntityId))).Version);
    }

    [Fact]
    public async Task the_test_message_is_answered_200_and_stores_nothing()
    {
        var rejectedBefore = await QueryAsync(db => db.RejectedDeliveries.CountAsync());
        var response = await Server.PostAsync(Samples.Bytes("12-"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await JsonAsync(response)).GetProperty("stored").GetInt32());
        Assert.Equal(rejectedBefore, await QueryAsync(db => db.RejectedDeliveries.CountAsync()));
    }

    [Theory]
    [InlineData("PUT", "/webhook/openmetadata")]
    [InlineData("POST", "/webhook")]
    [InlineData("PUT", "/webhook")]
    public async Task put_and_the_original_trackers_path_are_accepted(string method, string path)
    {
        var e = new OmEvent { EntityId = Guid.NewGuid() };
        Assert.Equal(HttpStatusCode.OK, (await Server.PostAsync(e.ToJson(), path: path, method: new HttpMethod(method))).StatusCode);
        Assert.True(await QueryAsync(db => db.ChangeEvents.AnyAsync(x => x.EntityId == e.EntityId)));
    }

    [Fact]
    public async Task a_redelivered_event_is_answered_200_and_changes_nothing()
    {
        var e = new OmEvent { EntityId = Guid.NewGuid() };
        await Server.PostAsync(e.ToJson());
        var again = await Server.PostAsync(e.ToJson());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var receipt = await JsonAsync(again);
        Assert.Equal((0, 1), (receipt.GetProperty("stored").GetInt32(), receipt.GetProperty("duplicates").GetInt32()));
        Assert.Equal(1, await QueryAsync(db => db.ChangeEvents.CountAsync(x => x.EntityId == e.EntityId)));
    }

    [Fact]
    public async Task a_body_over_the_limit_is_413()
    {
        var big = new OmEvent { Entity = new System.Text.Json.Nodes.JsonObject { ["description"] = new string('x', 70_000) } };
        await AssertProblemAsync(await Server.PostAsync(big.ToJson()), HttpStatusCode.RequestEntityTooLarge, "BODY_TOO_LARGE");
    }

    [Fact]
    public async Task a_chunked_body_over_the_limit_is_413()
    {
        var body = Encoding.UTF8.GetBytes(new string(' ', 70_000) + "{}");
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = new StreamContent(new MemoryStream(body)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-OM-Signature", Ingestion.OpenMetadata.WebhookSignature.Sign(body, HistoryGraphServer.Secret));
        await AssertProblemAsync(await Server.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "BODY_TOO_LARGE");
    }

    [Fact]
    public async Task an_unreadable_signed_body_is_400_and_kept_verbatim()
    {
        var body = Encoding.UTF8.GetBytes("{\"eventType\": \"entityCreated\", broken");
        var response = await Server.PostAsync(body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "UNREADABLE_DELIVERY");
        var id = (await JsonAsync(response)).GetProperty("rejectedIds")[0].GetInt64();
        var kept = await QueryAsync(db => db.RejectedDeliveries.SingleAsync(r => r.Id == id));
        Assert.Equal(body, kept.Body);
        Assert.Contains("not valid JSON", kept.Reason);
    }

    [Fact]
    public async Task a_batch_with_a_bad_item_stores_the_rest_and_names_the_problem()
    {
        var good = new OmEvent { EntityId = Guid.NewGuid() };
        var response = await Server.PostAsync($"{{\"data\":[{good.ToJson()},{{\"eventType\":\"entityUpdated\"}}]}}");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "UNREADABLE_DELIVERY");
        var problem = await JsonAsync(response);
        Assert.Contains("data[1]", problem.GetProperty("detail").GetString());
        Assert.Equal(1, problem.GetProperty("stored").GetInt32());
        Assert.True(await QueryAsync(db => db.ChangeEvents.AnyAsync(x => x.EntityId == good.EntityId)));
    }

    [Fact]
    public async Task parallel_deliveries_for_one_entity_keep_every_version()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "mysql.shop.public.hot_table");
        var events = new List<OmEvent> { created };
        for (var i = 1; i < 64; i++)
            events.Add(events[^1].Next().Set("description", $"edit {i}"));

        var responses = await Task.WhenAll(events.OrderBy(_ => Random.Shared.Next()).Select(e => Server.PostAsync(e.ToJson())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var entity = await QueryAsync(db => db.Entities.SingleAsync(x => x.EntityId == created.EntityId));
        Assert.Equal((6.4m, "edit 63", Lifecycle.Active), (entity.Version, entity.Description, entity.Lifecycle));
        Assert.Equal(64, await QueryAsync(db => db.EntityVersions.CountAsync(v => v.EntityId == created.EntityId)));
        var sequences = await QueryAsync(db => db.ChangeEvents.Where(x => x.EntityId == created.EntityId).Select(x => x.Sequence).ToListAsync());
        Assert.Equal(64, sequences.Distinct().Count());
    }

    [Fact]
    public async Task health_reports_a_connected_database_and_the_live_feed()
    {
        JsonNode health;
        var attempts = 0;
        do // the feed starts reading a moment after the store is ready
        {
            health = JsonNode.Parse(await (await Server.Client.GetAsync("/health")).Content.ReadAsStringAsync())!;
            await Task.Delay(attempts++ == 0 ? 0 : 100);
        }
        while ((long)health["live"]!["feedSequence"]! < 0 && attempts < 50);
        // The original tracker's fields first, as it answered them.
        Assert.StartsWith("""{"status":"healthy","database":"connected",""", health.ToJsonString());
        Assert.True((long)health["live"]!["feedSequence"]! >= 0);
        Assert.Equal(0, (int)health["live"]!["connections"]!);
        Assert.Contains((string?)health["live"]!["commits"], new[] { "listening", "local" });
    }
}
