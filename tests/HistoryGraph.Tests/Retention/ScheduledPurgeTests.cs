using System.Net;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Retention;

/// Retention:KeepDays with a schedule: the purge runs on its own, recorded as the schedule's.
public sealed class ScheduledPurgeTests(ScheduledPurgeTests.ServerFixture fixture) : IClassFixture<ScheduledPurgeTests.ServerFixture>
{
    private const string AdminKey = "scheduled-purge-admin";

    public sealed class ServerFixture : SqliteServerFixture
    {
        // Every two seconds (a six-field cron gives seconds), keeping 30 days.
        protected override string[] Settings => ["Retention:KeepDays=30", "Retention:Schedule=*/2 * * * * *", $"Admin:ApiKeys:0={AdminKey}"];
    }

    [Fact]
    public async Task the_scheduled_purge_removes_what_is_older_than_keep_days()
    {
        var old = OmEvent.Created(Guid.NewGuid(), "scheduled.db.s.old", timestamp: DateTimeOffset.UtcNow.AddDays(-40).ToUnixTimeMilliseconds());
        // middle was in force at the cut-off (30 days ago): kept, so that moments since can be told.
        var middle = old.Next() with { Timestamp = DateTimeOffset.UtcNow.AddDays(-35).ToUnixTimeMilliseconds() };
        var recent = middle.Next() with { Timestamp = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds() };
        Assert.Equal(HttpStatusCode.OK, (await fixture.Server.PostAsync(OmEvent.Batch(old, middle, recent))).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] left;
        do
        {
            await Task.Delay(200);
            left = (await fixture.Server.QueryAsync($$"""{ events(where: { entityId: { eq: "{{old.EntityId}}" } }) { nodes { eventId } } }"""))
                .GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("eventId").GetString()!).ToArray();
        }
        while (left.Length > 2 && DateTime.UtcNow < deadline);

        Assert.Equal(new[] { middle.Id!, recent.Id! }.Order(), left.Order());
        var run = (await fixture.Server.AdminQueryAsync("{ purgeRuns(first: 1, where: { eventsPurged: { gt: 0 } }) { nodes { requestedBy status cutoff } } }", AdminKey))
            .GetProperty("purgeRuns").GetProperty("nodes")[0];
        Assert.Equal("schedule", run.GetProperty("requestedBy").GetString());
        var cutoff = run.GetProperty("cutoff").GetDateTimeOffset();
        Assert.InRange(cutoff, DateTimeOffset.UtcNow.AddDays(-30).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(-30));
    }
}
