using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.OpenMetadata;

/// Backfill:Interval: the backfill runs on its own, reading the last Backfill:Lookback of
/// OpenMetadata's event log and storing what the webhook missed.
public sealed class ScheduledBackfillTests(ScheduledBackfillTests.ServerFixture fixture) : IClassFixture<ScheduledBackfillTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        public FakeOpenMetadata OpenMetadata { get; } = FakeOpenMetadata.Start();
        public FakeOpenMetadataHistory History { get; } = new();

        protected override string[] Settings =>
            [$"OpenMetadata:ApiUrl={OpenMetadata.ApiUrl}", $"OpenMetadata:BotToken={FakeOpenMetadata.Token}", "Backfill:Interval=00:00:01", "Backfill:Lookback=01:00:00"];

        public override async Task DisposeAsync() => await Task.WhenAll(base.DisposeAsync(), OpenMetadata.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task the_scheduled_backfill_stores_an_event_the_webhook_never_delivered()
    {
        var missed = OmEvent.Created(Guid.NewGuid(), "scheduled.db.s.missed", timestamp: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds());
        var tooOld = OmEvent.Created(Guid.NewGuid(), "scheduled.db.s.old", timestamp: DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds());
        fixture.History.Log.AddRange([tooOld, missed]);
        fixture.OpenMetadata.Respond = fixture.History.Answer;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? origin = null;
        while (origin is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            var nodes = (await fixture.Server.QueryAsync($$"""{ events(where: { entityId: { eq: "{{missed.EntityId}}" } }) { nodes { origin } } }"""))
                .GetProperty("events").GetProperty("nodes");
            origin = nodes.GetArrayLength() > 0 ? nodes[0].GetProperty("origin").GetString() : null;
        }

        Assert.Equal("BACKFILL", origin);
        Assert.Equal(0, (await fixture.Server.QueryAsync($$"""{ events(where: { entityId: { eq: "{{tooOld.EntityId}}" } }) { totalCount } }"""))
            .GetProperty("events").GetProperty("totalCount").GetInt32());
        var asked = fixture.OpenMetadata.Requests.First(r => r.PathAndQuery.StartsWith("/api/v1/events"));
        var from = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(asked.PathAndQuery.Split("timestamp=")[1].Split('&')[0]));
        Assert.InRange(from, DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(-1).AddSeconds(1));
    }
}
