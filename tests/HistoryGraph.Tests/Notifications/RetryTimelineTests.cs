using System.Net;
using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Notifications;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HistoryGraph.Tests.Notifications;

/// The retry schedule as time passes, on a fake clock: a delivery worker driven step by step
/// (the server's own does not send: Notifications:Send=false) against a receiver that keeps
/// failing. Each attempt comes exactly when the stored schedule says and not before; a 429's
/// Retry-After replaces the backoff; the message is given up after MaxAttempts; a target that
/// fails too often in a row is disabled and says why.
public sealed class RetryTimelineTests(RetryTimelineTests.Fixture fixture) : IClassFixture<RetryTimelineTests.Fixture>
{
    public const string AdminKey = "timeline-admin-key";

    public sealed class Fixture : ReceiverServerFixture
    {
        public override string AdminKey => RetryTimelineTests.AdminKey;

        protected override string[] Settings => ["Notifications:Send=false"];
    }

    private static readonly NotificationOptions Settings = new()
    {
        // No rate limit: its wait would run on the fake clock, which moves only when told.
        AllowPrivateNetworks = true, MaxAttempts = 5, FirstRetrySeconds = 10, MaxRetrySeconds = 600, DisableAfterFailures = 7, RateLimitPerMinute = int.MaxValue,
    };

    private (DeliveryWorker Worker, FakeTimeProvider Clock) Worker()
    {
        var services = fixture.Server.Services;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(Settings);
        var sender = new MessageSender(services.GetRequiredService<IHttpClientFactory>(), services.GetRequiredService<TargetSecrets>(), options, clock);
        return (new DeliveryWorker(services.GetRequiredService<IDbContextFactory<HistoryDbContext>>(), services.GetRequiredService<StoreReadiness>(), sender,
            services.GetRequiredService<DeliveryMessages>(), options, clock, services.GetRequiredService<HistoryGraph.Ingestion.Telemetry.HistoryMetrics>(), NullLogger<DeliveryWorker>.Instance), clock);
    }

    private async Task<Guid> TargetWithDeliveriesAsync(string prefix, int events)
    {
        var body = await fixture.Server.AdminGraphQLAsync("mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }",
            new { input = new { name = prefix, kind = "WEBHOOK", url = $"{fixture.Receiver.Url}/{prefix}", secret = "timeline-secret-0123456789", filter = new { fqn = new { startsWith = prefix + "." } } } }, AdminKey);
        var id = Guid.Parse(body.GetProperty("data").GetProperty("createNotificationTarget").GetProperty("targetId").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Server.PostAsync(OmEvent.Batch([.. Enumerable.Range(0, events).Select(i => OmEvent.Created(Guid.NewGuid(), $"{prefix}.t{i}"))]))).StatusCode);
        await using var db = await Contexts.CreateDbContextAsync();
        for (var waited = 0; await db.NotificationDeliveries.CountAsync(d => d.TargetId == id) < events && waited < 100; waited++)
            await Task.Delay(100);
        return id;
    }

    private IDbContextFactory<HistoryDbContext> Contexts => fixture.Server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>();

    private async Task<(NotificationTarget Target, List<NotificationDelivery> Deliveries)> StateAsync(Guid id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return (await db.NotificationTargets.AsNoTracking().SingleAsync(t => t.Id == id),
            await db.NotificationDeliveries.AsNoTracking().Where(d => d.TargetId == id).OrderBy(d => d.Id).ToListAsync());
    }

    /// One pass as the worker's loop makes it: claim what is due now, send it.
    private static async Task<bool> PassAsync(DeliveryWorker worker, Guid id)
    {
        var claimed = await worker.ClaimAsync(8, [], CancellationToken.None);
        if (!claimed.Contains(id))
            return false;
        await worker.SendTargetAsync(id, CancellationToken.None);
        return true;
    }

    [Fact]
    public async Task each_retry_comes_when_the_stored_schedule_says_until_the_message_is_given_up()
    {
        var prefix = "timeline" + Guid.NewGuid().ToString("N")[..8];
        fixture.Receiver.Respond = (r, _) => r.Path.EndsWith(prefix, StringComparison.Ordinal) ? new FakeReceiver.Answer(503, "unavailable") : null;
        var id = await TargetWithDeliveriesAsync(prefix, events: 2);
        var (worker, clock) = Worker();

        var attempts = new List<DateTime>();
        for (var attempt = 1; attempt <= Settings.MaxAttempts; attempt++)
        {
            Assert.True(await PassAsync(worker, id), $"attempt {attempt} was not due");
            attempts.Add(clock.GetUtcNow().UtcDateTime);
            var (target, deliveries) = await StateAsync(id);
            var first = deliveries[0];
            Assert.Equal(attempt, first.Attempts);
            if (attempt == Settings.MaxAttempts)
            {
                Assert.Equal(DeliveryStatus.RetryLimitReached, first.Status);
                break;
            }
            Assert.Equal(0, deliveries[1].Attempts); // the next waits: a target's messages keep their order
            Assert.Equal(DeliveryStatus.AwaitingRetry, first.Status);
            Assert.Equal(NotificationStatus.AwaitingRetry, target.Status);
            Assert.Equal(first.NextAttemptAt, target.NextAttemptAt);
            var delay = first.NextAttemptAt - clock.GetUtcNow().UtcDateTime;
            Assert.InRange((DeliveryOutcomes.RetryDelay(first, null, Settings) - delay).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
            Assert.InRange(delay, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Settings.MaxRetrySeconds));

            // Not a moment early...
            clock.Advance(delay - TimeSpan.FromMilliseconds(10));
            Assert.False(await PassAsync(worker, id));
            // ...and on time.
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.True(gaps[^1] > gaps[0], $"the backoff did not grow: {string.Join(", ", gaps)}");

        // Given up, the next message went at once, in the same pass.
        var (after, all) = await StateAsync(id);
        Assert.Equal(1, all[1].Attempts);
        Assert.Equal(NotificationStatus.AwaitingRetry, after.Status);
        Assert.Equal(503, after.LastFailedStatusCode);
    }

    [Fact]
    public async Task a_429_is_retried_after_exactly_its_retry_after_and_a_target_failing_too_often_is_disabled()
    {
        var prefix = "throttled" + Guid.NewGuid().ToString("N")[..8];
        fixture.Receiver.Respond = (r, _) => r.Path.EndsWith(prefix, StringComparison.Ordinal) ? new FakeReceiver.Answer(429, "rate limited", RetryAfter: "120") : null;
        var id = await TargetWithDeliveriesAsync(prefix, events: 2);
        var (worker, clock) = Worker();

        Assert.True(await PassAsync(worker, id));
        var (_, deliveries) = await StateAsync(id);
        Assert.Equal(clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(120), deliveries[0].NextAttemptAt, TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.False(await PassAsync(worker, id));

        // Seven failed attempts in a row (five on the first message, two on the second) disable it.
        for (var pass = 0; pass < 20 && (await StateAsync(id)).Target.Enabled; pass++)
        {
            clock.Advance(TimeSpan.FromSeconds(Settings.MaxRetrySeconds));
            await PassAsync(worker, id);
        }
        var (target, all) = await StateAsync(id);
        Assert.False(target.Enabled);
        Assert.Equal(NotificationStatus.Disabled, target.Status);
        Assert.Equal(7, target.ConsecutiveFailures);
        Assert.StartsWith("disabled after 7 failed attempts in a row", target.DisabledReason, StringComparison.Ordinal);
        Assert.Equal([5, 2], all.Select(d => d.Attempts));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await PassAsync(worker, id));
    }

    [Fact]
    public async Task settled_deliveries_older_than_the_kept_days_leave_the_log_and_unsettled_ones_stay()
    {
        var prefix = "log" + Guid.NewGuid().ToString("N")[..8];
        var id = await TargetWithDeliveriesAsync(prefix, events: 4);
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var ids = await db.NotificationDeliveries.Where(d => d.TargetId == id).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
            await db.NotificationDeliveries.Where(d => d.Id == ids[0] || d.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Delivered));
            await db.NotificationDeliveries.Where(d => d.Id == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Failed));
        }
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(91));
        var retention = new DeliveryLogRetention(Contexts, fixture.Server.Services.GetRequiredService<StoreReadiness>(), Options.Create(new NotificationOptions { KeepDeliveryDays = 90 }),
            clock, NullLogger<DeliveryLogRetention>.Instance);

        Assert.True(await retention.RemoveAsync(CancellationToken.None) >= 3);

        var (_, left) = await StateAsync(id);
        Assert.Equal([DeliveryStatus.Pending], left.Select(d => d.Status));
    }

    [Fact]
    public async Task an_instance_that_refuses_private_addresses_fails_a_message_to_one_at_the_connection_and_says_why()
    {
        var prefix = "ssrf" + Guid.NewGuid().ToString("N")[..8];
        // Saved by an instance that allows private networks; sent by one that does not.
        var id = await TargetWithDeliveriesAsync(prefix, events: 1);
        var strict = new ServiceCollection().AddLogging()
            .AddOutboundHttp(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:AllowPrivateNetworks"] = "false" }).Build())
            .BuildServiceProvider();
        var services = fixture.Server.Services;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new NotificationOptions { RateLimitPerMinute = int.MaxValue });
        var sender = new MessageSender(strict.GetRequiredService<IHttpClientFactory>(), services.GetRequiredService<TargetSecrets>(), options, clock);
        var worker = new DeliveryWorker(Contexts, services.GetRequiredService<StoreReadiness>(), sender, services.GetRequiredService<DeliveryMessages>(), options, clock, services.GetRequiredService<HistoryGraph.Ingestion.Telemetry.HistoryMetrics>(), NullLogger<DeliveryWorker>.Instance);

        Assert.True(await PassAsync(worker, id));

        var (target, deliveries) = await StateAsync(id);
        var delivery = Assert.Single(deliveries);
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Contains("private, loopback, link-local or metadata address", delivery.Error, StringComparison.Ordinal);
        Assert.Equal(NotificationStatus.Failed, target.Status);
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Path.EndsWith(prefix, StringComparison.Ordinal));
    }
}
