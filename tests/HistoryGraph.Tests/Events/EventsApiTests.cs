using System.Net;
using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Events;

public class EventsApiTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private HistoryGraphServer Server => fixture.Server;

    private async Task<JsonElement> GetAsync(string query)
    {
        var response = await Server.Client.GetAsync("/events" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task events_of_one_entity_come_newest_first_in_the_original_column_names()
    {
        var fqn = $"mysql.shop.public.t_{Guid.NewGuid():N}";
        var created = OmEvent.Created(Guid.NewGuid(), fqn) with { UserName = "sam" };
        var updated = created.Next().Set("description", "d") with { UserName = "jane" };
        await Server.PostAsync(OmEvent.Batch(updated, created));

        var body = await GetAsync($"?entity_fqn={Uri.EscapeDataString(fqn)}");
        var events = body.GetProperty("events");
        Assert.Equal(2, body.GetProperty("count").GetInt32());
        Assert.Equal([updated.Id, created.Id], events.EnumerateArray().Select(e => e.GetProperty("event_id").GetString()));
        var first = events[0];
        Assert.Equal("entityUpdated", first.GetProperty("event_type").GetString());
        Assert.Equal("table", first.GetProperty("entity_type").GetString());
        Assert.Equal(fqn, first.GetProperty("entity_fqn").GetString());
        Assert.Equal("jane", first.GetProperty("updated_by").GetString());
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(updated.Timestamp), first.GetProperty("event_time").GetDateTime().ToUniversalTime());
        Assert.Equal(0.2m, first.GetProperty("current_version").GetDecimal());
        Assert.Equal(updated.Id, first.GetProperty("full_payload").GetProperty("id").GetString());
    }

    [Fact]
    public async Task event_type_filter_and_limit_apply()
    {
        var fqn = $"mysql.shop.public.t_{Guid.NewGuid():N}";
        var created = OmEvent.Created(Guid.NewGuid(), fqn);
        var e1 = created.Next().Set("description", "1");
        var e2 = e1.Next().Set("description", "2");
        var deleted = e2.Next("entitySoftDeleted").Set("deleted", true);
        await Server.PostAsync(OmEvent.Batch(created, e1, e2, deleted));

        var updates = await GetAsync($"?entity_fqn={Uri.EscapeDataString(fqn)}&event_type=entityUpdated&limit=1");
        Assert.Equal(e2.Id, Assert.Single(updates.GetProperty("events").EnumerateArray()).GetProperty("event_id").GetString());
        var deletions = await GetAsync($"?entity_fqn={Uri.EscapeDataString(fqn)}&event_type=entitySoftDeleted");
        Assert.Equal(deleted.Id, Assert.Single(deletions.GetProperty("events").EnumerateArray()).GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task without_filters_at_most_100_events_are_returned_by_default()
    {
        foreach (var chunk in Enumerable.Range(0, 105).Chunk(35))
        {
            var response = await Server.PostAsync(OmEvent.Batch(chunk.Select(i => new OmEvent { EntityId = Guid.NewGuid(), Timestamp = 1_800_000_000_000 + i }).ToArray()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(100, (await GetAsync("")).GetProperty("count").GetInt32());
        Assert.True((await GetAsync("?limit=1000")).GetProperty("count").GetInt32() >= 105);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("ten")]
    public async Task a_bad_limit_is_a_400_that_says_why(string limit)
    {
        var response = await Server.Client.GetAsync($"/events?limit={limit}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("INVALID_LIMIT", problem.GetProperty("code").GetString());
        Assert.Contains("1 to 1000", problem.GetProperty("detail").GetString());
    }
}
