using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace HistoryGraph.Tests.Notifications;

/// Deliveries end to end on PostgreSQL: OpenMetadata-style changes reach fake Slack, Teams,
/// Discord, Telegram, Google Chat, SMTP and webhook receivers, each matching event once and in a
/// form the real service accepts; failures are retried on the stored schedule, honouring
/// Retry-After; two instances deliver each message once; a restart in a backlog loses and
/// repeats nothing.
public sealed class NotificationDeliveryTests(NotificationDeliveryTests.Receivers receivers) : IClassFixture<NotificationDeliveryTests.Receivers>
{
    public const string AdminKey = "delivery-admin-key";
    private const string TelegramToken = "123456:telegram-secret-token";
    private const string WebhookSecret = "webhook-signing-secret-0123";

    /// The fake services and the server sending to them (Telegram's API and SMTP are settings).
    public sealed class Receivers : IAsyncLifetime
    {
        public Dictionary<string, FakeReceiver> Http { get; } = [];
        public SimpleSmtpServer Smtp { get; private set; } = null!;
        public HistoryGraphServer Server { get; private set; } = null!;
        public string ConnectionString { get; private set; } = "";

        public string[] Settings =>
        [
            $"ConnectionStrings:History={ConnectionString}",
            $"Admin:ApiKeys:0={AdminKey}",
            "Notifications:AllowPrivateNetworks=true",
            $"Notifications:TelegramApiUrl={Http["TELEGRAM"].Url}",
            "Notifications:Smtp:Host=127.0.0.1",
            $"Notifications:Smtp:Port={Smtp.Configuration.Port}",
            "Notifications:Smtp:Security=None",
            "Notifications:Smtp:From=HistoryGraph <historygraph@example.com>",
            "Notifications:OpenMetadataUrl=https://om.example.com",
            "Notifications:PollSeconds=0.1",
            "Notifications:FirstRetrySeconds=0.5",
            "Notifications:MaxRetrySeconds=2",
            "Notifications:RateLimitPerMinute=6000",
        ];

        public async Task InitializeAsync()
        {
            foreach (var kind in new[] { "SLACK", "TEAMS", "DISCORD", "TELEGRAM", "GOOGLE_CHAT", "WEBHOOK" })
                Http[kind] = await FakeReceiver.StartAsync();
            Http["SLACK"].Rules = r => PlatformRules.Slack(r.Text);
            Http["TEAMS"].Rules = r => PlatformRules.Teams(r.Text);
            Http["DISCORD"].Rules = r => PlatformRules.Discord(r.Text);
            Http["DISCORD"].Accepted = new FakeReceiver.Answer(204, "");
            Http["TELEGRAM"].Rules = r => PlatformRules.Telegram(r.Text);
            Http["TELEGRAM"].Accepted = new FakeReceiver.Answer(200, """{"ok":true,"result":{"message_id":1}}""");
            Http["GOOGLE_CHAT"].Rules = r => PlatformRules.GoogleChat(r.Text);
            Http["GOOGLE_CHAT"].Accepted = new FakeReceiver.Answer(200, """{"name":"spaces/AAAA/messages/1"}""");
            Smtp = SimpleSmtpServer.Start(FreePort());
            ConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
            Server = await HistoryGraphServer.StartAsync(Settings);
            await PostgresServerFixture.WaitHealthyAsync(Server);
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            Smtp.Dispose();
            foreach (var receiver in Http.Values)
                await receiver.DisposeAsync();
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private HistoryGraphServer Server => receivers.Server;

    private async Task<JsonElement> AdminAsync(string query, object? variables = null, HistoryGraphServer? server = null)
    {
        var body = await (server ?? Server).AdminGraphQLAsync(query, variables, AdminKey);
        return body.TryGetProperty("errors", out var errors) ? throw new Xunit.Sdk.XunitException(errors.ToString()) : body.GetProperty("data");
    }

    private async Task<string> CreateTargetAsync(object input, HistoryGraphServer? server = null) =>
        (await AdminAsync("mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }", new { input }, server))
            .GetProperty("createNotificationTarget").GetProperty("targetId").GetString()!;

    private static object Prefix(string prefix) => new { fqn = new { startsWith = prefix } };

    private async Task PostAsync(HistoryGraphServer server, params OmEvent[] events) =>
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(events))).StatusCode);

    /// The target's deliveries once none is left pending or awaiting a retry.
    private async Task<List<JsonElement>> SettledAsync(string targetId, int expected, int seconds = 30, HistoryGraphServer? server = null)
    {
        var query = $$"""
            { notificationDeliveries(first: 50, where: { targetId: { eq: "{{targetId}}" } }, order: [{ number: ASC }]) {
                nodes { number kind eventSequence status attempts responseStatusCode responseExcerpt error firstAttemptAt lastAttemptAt deliveredAt } } }
            """;
        List<JsonElement> nodes = [];
        for (var waited = 0; waited < seconds * 10; waited++)
        {
            nodes = (await AdminAsync(query, server: server)).GetProperty("notificationDeliveries").GetProperty("nodes").EnumerateArray().ToList();
            if (nodes.Count >= expected && nodes.All(n => n.GetProperty("status").GetString() is not ("PENDING" or "AWAITING_RETRY")))
                return nodes;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Deliveries not settled after {seconds} s: {string.Join(", ", nodes.Select(n => n.ToString()))}");
    }

    private static OmEvent[] Story(string prefix)
    {
        var created = OmEvent.Created(Guid.NewGuid(), $"{prefix}.orders") with { UserName = "alice" };
        var described = created.Next().Set("description", JsonValue.Create("Price (USD) *net* _after_ tax [v2] #1 > 0! `code` \\ path.to|x {a} ~b~ =c +d -e")) with { UserName = "bob" };
        var deleted = described.Next("entityDeleted") with { UserName = "alice" };
        return [created, described, deleted];
    }

    [Fact]
    public async Task A_test_message_is_sent_once_and_never_retried_in_the_background()
    {
        // A receiver that always fails: a test taken by the delivery worker too would be sent
        // again, and retried (first retry after 0.5 s, the longest wait 2 s).
        await using var failing = await FakeReceiver.StartAsync();
        failing.Accepted = new FakeReceiver.Answer(500, "down");
        // Slow too: each test stays in the log as pending while the worker polls (every 0.1 s).
        failing.Delay = TimeSpan.FromMilliseconds(400);
        var target = await CreateTargetAsync(new { name = $"test-once-{Guid.NewGuid():N}"[..20], kind = "WEBHOOK", url = failing.Url + "/hook", secret = "0123456789abcdef" });

        var tests = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
            tests.Add((await AdminAsync($$"""mutation { testNotificationTarget(targetId: "{{target}}") { number status attempts } }""")).GetProperty("testNotificationTarget"));
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(5, failing.Requests.Count);
        Assert.All(tests, t => Assert.Equal(("RETRY_LIMIT_REACHED", 1), (t.GetProperty("status").GetString(), t.GetProperty("attempts").GetInt32())));
        var logged = await SettledAsync(target, 5);
        Assert.Equal(5, logged.Count);
        Assert.All(logged, d => Assert.Equal(("TEST", "RETRY_LIMIT_REACHED", 1), (d.GetProperty("kind").GetString(), d.GetProperty("status").GetString(), d.GetProperty("attempts").GetInt32())));
    }

    [Fact]
    public async Task Only_the_notification_connections_commit_without_waiting_for_the_disk()
    {
        // The delivery log and the dispatcher's position may be lost in a database crash (sent
        // or made again); the history may not, so the setting must not reach its connections.
        async Task<string> SynchronousCommitAsync(IDbContextFactory<HistoryDbContext> contexts)
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Database.SqlQuery<string>($"SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();
        }
        var services = receivers.Server.Services;
        Assert.Equal("off", await SynchronousCommitAsync(services.GetRequiredKeyedService<IDbContextFactory<HistoryDbContext>>(UnwaitedCommits.Key)));
        Assert.Equal("on", await SynchronousCommitAsync(services.GetRequiredService<IDbContextFactory<HistoryDbContext>>()));
        await using var scoped = services.CreateAsyncScope();
        Assert.Equal("on", await scoped.ServiceProvider.GetRequiredService<HistoryDbContext>().Database
            .SqlQuery<string>($"SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync());
    }

    [Fact]
    public async Task every_platform_receives_each_matching_event_once_in_a_form_the_service_accepts()
    {
        var prefix = "every" + Guid.NewGuid().ToString("N")[..8];
        var targets = new Dictionary<string, string>();
        foreach (var (kind, receiver) in receivers.Http)
        {
            object input = kind switch
            {
                "TELEGRAM" => new { name = $"{prefix}-{kind}", kind, botToken = TelegramToken, chatId = "-1001234567890", filter = Prefix(prefix) },
                "WEBHOOK" => new { name = $"{prefix}-{kind}", kind, url = $"{receiver.Url}/hooks/{prefix}", secret = WebhookSecret, filter = Prefix(prefix) },
                _ => new { name = $"{prefix}-{kind}", kind, url = $"{receiver.Url}/services/{prefix}/B000/XXXXXXXXXXXXXXXX", filter = Prefix(prefix) },
            };
            targets[kind] = await CreateTargetAsync(input);
        }
        targets["EMAIL"] = await CreateTargetAsync(new { name = $"{prefix}-EMAIL", kind = "EMAIL", emails = new[] { "data-team@example.com" }, filter = Prefix(prefix) });
        var mailsBefore = receivers.Smtp.ReceivedEmailCount;

        var story = Story(prefix);
        await PostAsync(Server, story);
        await PostAsync(Server, OmEvent.Created(Guid.NewGuid(), "elsewhere" + prefix + ".orders")); // matches no filter

        foreach (var (kind, id) in targets)
        {
            var deliveries = await SettledAsync(id, expected: 3);
            Assert.Equal(3, deliveries.Count);
            Assert.All(deliveries, d => Assert.True(d.GetProperty("status").GetString() == "DELIVERED", $"{kind}: {d}"));
            Assert.All(deliveries, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
        }
        foreach (var (kind, receiver) in receivers.Http)
        {
            var received = receiver.Requests.Where(r => r.Path.Contains(prefix, StringComparison.Ordinal) || kind == "TELEGRAM" && r.Text.Contains(prefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(3, received.Count);
        }
        Assert.Equal(mailsBefore + 3, receivers.Smtp.ReceivedEmailCount);

        // Telegram: the token only in the Bot API path, the special characters escaped (the rules accepted the markup).
        var telegram = receivers.Http["TELEGRAM"].Requests.Where(r => r.Text.Contains(prefix, StringComparison.Ordinal)).ToList();
        Assert.All(telegram, r => Assert.Equal($"/bot{TelegramToken}/sendMessage", r.Path));
        var text = JsonNode.Parse(telegram[1].Text)!["text"]!.GetValue<string>();
        Assert.Contains($@"{prefix}\.orders", text);
        Assert.Contains(@"`Price (USD) *net* _after_ tax [v2] #1 > 0! \`code\` \\ path.to|x {a} ~b~ =c +d -e`", text);
        Assert.Null(PlatformRules.MarkdownV2(text));

        // Discord: the colour and the timestamp of the event.
        var discord = JsonNode.Parse(receivers.Http["DISCORD"].Requests.First(r => r.Path.Contains(prefix, StringComparison.Ordinal)).Text)!;
        Assert.Equal(0x58a6ff, discord["embeds"]![0]!["color"]!.GetValue<int>());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(story[0].Timestamp), DateTimeOffset.Parse(discord["embeds"]![0]!["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Empty(discord["allowed_mentions"]!["parse"]!.AsArray());

        // Slack: the header names the asset, the button links to it in OpenMetadata.
        var slack = JsonNode.Parse(receivers.Http["SLACK"].Requests.Where(r => r.Path.Contains(prefix, StringComparison.Ordinal)).ElementAt(1).Text)!;
        Assert.Equal("✏️ table orders updated", slack["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal($"https://om.example.com/table/{Uri.EscapeDataString(prefix + ".orders")}", slack["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["url"]!.GetValue<string>());

        // The webhook: signed as documented, the envelope carrying the event as OpenMetadata sent it.
        foreach (var request in receivers.Http["WEBHOOK"].Requests.Where(r => r.Path.Contains(prefix, StringComparison.Ordinal)))
        {
            var timestamp = request.Headers["X-HistoryGraph-Timestamp"];
            var expected = "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes(timestamp + ".").Concat(request.Body).ToArray()));
            Assert.Equal(expected, request.Headers["X-HistoryGraph-Signature"]);
            Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp, CultureInfo.InvariantCulture)) < 120);
            var envelope = JsonNode.Parse(request.Body)!;
            Assert.Equal(envelope["event_type"]!.GetValue<string>(), envelope["payload"]!["changeEvent"]!["eventType"]!.GetValue<string>());
        }

        // Email: plain text and HTML, the values escaped in the HTML.
        var mail = receivers.Smtp.ReceivedEmail.Last();
        Assert.Contains("data-team@example.com", mail.ToAddresses.Select(a => a.Address));
        Assert.Contains(mail.MessageParts, p => p.HeaderData.Contains("text/html", StringComparison.Ordinal));

        var status = (await AdminAsync($$"""{ notificationTargets(first: 10, where: { name: { startsWith: "{{prefix}}" } }) { nodes { status failureDetails { lastSuccessfulAt lastFailedAt } } } }"""))
            .GetProperty("notificationTargets").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(7, status.Count);
        Assert.All(status, t => Assert.Equal("ACTIVE", t.GetProperty("status").GetString()));
        Assert.All(status, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("failureDetails").GetProperty("lastFailedAt").ValueKind));
    }

    [Fact]
    public async Task a_filter_on_field_change_categories_leaving_bots_out_matches_the_same_events_live_and_in_the_history()
    {
        var prefix = "tags" + Guid.NewGuid().ToString("N")[..8];
        await using var receiver = await FakeReceiver.StartAsync();
        var filter = new { fqn = new { startsWith = prefix }, user = new { isBot = new { eq = false } }, fieldChanges = new { category = new { @in = new[] { "TAGS" } } } };
        var id = await CreateTargetAsync(new { name = prefix, kind = "WEBHOOK", url = $"{receiver.Url}/hook", secret = WebhookSecret, filter });

        var table = OmEvent.Created(Guid.NewGuid(), $"{prefix}.customers") with { UserName = "alice" };
        var tagged = table.Next().Set("tags", JsonNode.Parse("""[{"tagFQN":"PII.Sensitive","source":"Classification"}]""")) with { UserName = "alice" };
        var botTagged = tagged.Next().Set("tags", JsonNode.Parse("""[{"tagFQN":"PII.Sensitive","source":"Classification"},{"tagFQN":"PersonalData.Personal","source":"Classification"}]""")) with { UserName = "ingestion-bot" };
        var described = botTagged.Next().Set("description", JsonValue.Create("Customers")) with { UserName = "alice" };
        var untagged = described.Next().Set("tags", JsonNode.Parse("[]")) with { UserName = "bob" };
        await PostAsync(Server, table, tagged, botTagged, described, untagged);

        var history = (await AdminAsync("query($where: ChangeEventFilterInput) { events(first: 10, where: $where, order: [{ sequence: ASC }]) { nodes { sequence userName } } }", new { where = filter }))
            .GetProperty("events").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["alice", "bob"], history.Select(e => e.GetProperty("userName").GetString()));
        var deliveries = await SettledAsync(id, expected: 2);
        var notified = deliveries.Select(d => d.GetProperty("eventSequence").GetInt64()).ToList();
        Assert.Equal(history.Select(e => e.GetProperty("sequence").GetInt64()), notified);
    }

    [Fact]
    public async Task a_failing_receiver_is_retried_on_schedule_honouring_retry_after_and_a_refusal_is_given_up_without_blocking_the_next()
    {
        var prefix = "retry" + Guid.NewGuid().ToString("N")[..8];
        await using var receiver = await FakeReceiver.StartAsync();
        receiver.Respond = (request, count) => count switch
        {
            1 => new FakeReceiver.Answer(503, "down for maintenance"),
            2 => new FakeReceiver.Answer(429, "slow down", RetryAfter: "2"),
            3 => new FakeReceiver.Answer(200, "ok"),
            4 => new FakeReceiver.Answer(404, "no_service"),
            _ => null,
        };
        var id = await CreateTargetAsync(new { name = prefix, kind = "WEBHOOK", url = $"{receiver.Url}/hook", secret = WebhookSecret, filter = Prefix(prefix) });

        var first = OmEvent.Created(Guid.NewGuid(), $"{prefix}.a");
        await PostAsync(Server, first);
        var settled = Assert.Single(await SettledAsync(id, expected: 1));
        Assert.Equal("DELIVERED", settled.GetProperty("status").GetString());
        Assert.Equal(3, settled.GetProperty("attempts").GetInt32());
        var times = receiver.Requests.Select(r => long.Parse(r.Headers["X-HistoryGraph-Timestamp"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, receiver.Requests.Select(r => r.Headers["X-HistoryGraph-Delivery"]).Count());
        Assert.Single(receiver.Requests.Select(r => r.Headers["X-HistoryGraph-Delivery"]).Distinct());
        Assert.True(times[2] - times[1] >= 2, $"Retry-After: 2 was not honoured ({times[1]} then {times[2]})");

        await PostAsync(Server, first.Next(), first.Next(minutesLater: 2));
        var all = await SettledAsync(id, expected: 3);
        Assert.Equal(["DELIVERED", "FAILED", "DELIVERED"], all.Select(d => d.GetProperty("status").GetString()));
        Assert.Equal(404, all[1].GetProperty("responseStatusCode").GetInt32());
        Assert.Equal("no_service", all[1].GetProperty("responseExcerpt").GetString());
        Assert.Equal(1, all[1].GetProperty("attempts").GetInt32());
        var target = (await AdminAsync($$"""{ notificationTargets(first: 1, where: { name: { eq: "{{prefix}}" } }) { nodes { status consecutiveFailures failureDetails { lastFailedAt lastFailedStatusCode lastFailedReason lastSuccessfulAt } } } }"""))
            .GetProperty("notificationTargets").GetProperty("nodes")[0];
        Assert.Equal("ACTIVE", target.GetProperty("status").GetString());
        Assert.Equal(404, target.GetProperty("failureDetails").GetProperty("lastFailedStatusCode").GetInt32());
        Assert.Equal(0, target.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task two_instances_on_one_store_deliver_each_notification_once()
    {
        var prefix = "pair" + Guid.NewGuid().ToString("N")[..8];
        await using var receiver = await FakeReceiver.StartAsync();
        await using var second = await HistoryGraphServer.StartAsync(receivers.Settings);
        await PostgresServerFixture.WaitHealthyAsync(second);
        var id = await CreateTargetAsync(new { name = prefix, kind = "WEBHOOK", url = $"{receiver.Url}/hook", secret = WebhookSecret, filter = Prefix(prefix) });

        for (var i = 0; i < 40; i++)
            await PostAsync(i % 2 == 0 ? Server : second, OmEvent.Created(Guid.NewGuid(), $"{prefix}.t{i}"));

        var deliveries = await SettledAsync(id, expected: 40);
        Assert.Equal(40, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("DELIVERED", d.GetProperty("status").GetString()));
        Assert.Equal(40, receiver.Requests.Count);
        Assert.Equal(40, receiver.Requests.Select(r => JsonNode.Parse(r.Body)!["payload"]!["sequence"]!.GetValue<long>()).Distinct().Count());
    }

    [Fact]
    public async Task through_failures_429s_and_the_restart_of_one_of_two_instances_each_message_is_accepted_once()
    {
        var prefix = "chaos" + Guid.NewGuid().ToString("N")[..8];
        await using var receiver = await FakeReceiver.StartAsync();
        var accepted = new System.Collections.Concurrent.ConcurrentBag<long>();
        receiver.Respond = (request, count) =>
        {
            if (count % 5 == 0)
                return new FakeReceiver.Answer(500, "flaky");
            if (count % 7 == 0)
                return new FakeReceiver.Answer(429, "slow down", RetryAfter: "1");
            accepted.Add(JsonNode.Parse(request.Body)!["payload"]!["sequence"]!.GetValue<long>());
            return null;
        };
        var second = await HistoryGraphServer.StartAsync(receivers.Settings);
        await PostgresServerFixture.WaitHealthyAsync(second);
        // Several targets, so that both instances hold some while one of them stops.
        var ids = new List<string>();
        for (var t = 0; t < 4; t++)
            ids.Add(await CreateTargetAsync(new { name = $"{prefix}-{t}", kind = "WEBHOOK", url = $"{receiver.Url}/hook/{t}", secret = WebhookSecret, filter = Prefix($"{prefix}.t{t}."), rateLimitPerMinute = 600 }));

        for (var i = 0; i < 40; i++)
            await PostAsync(i % 2 == 0 ? Server : second, OmEvent.Created(Guid.NewGuid(), $"{prefix}.t{i % 4}.e{i}"));
        for (var waited = 0; accepted.Count < 10 && waited < 300; waited++)
            await Task.Delay(50);
        await second.DisposeAsync();

        foreach (var id in ids)
            Assert.All(await SettledAsync(id, expected: 10), d => Assert.Equal("DELIVERED", d.GetProperty("status").GetString()));
        Assert.Equal(40, accepted.Count);
        Assert.Equal(40, accepted.Distinct().Count());
        Assert.True(receiver.Requests.Count > 40, "no receiver failure was met");
    }

    [Fact]
    public async Task a_restart_in_the_middle_of_a_backlog_resumes_without_losing_or_repeating_a_message()
    {
        var prefix = "restart" + Guid.NewGuid().ToString("N")[..8];
        await using var receiver = await FakeReceiver.StartAsync();
        // A store of its own: no other instance may send this backlog meanwhile.
        var settings = receivers.Settings.Skip(1).Prepend($"ConnectionStrings:History={await (await PostgresServer.SharedAsync()).CreateDatabaseAsync()}").ToArray();
        var server = await HistoryGraphServer.StartAsync(settings);
        await PostgresServerFixture.WaitHealthyAsync(server);
        var id = await CreateTargetAsync(new { name = prefix, kind = "WEBHOOK", url = $"{receiver.Url}/hook", secret = WebhookSecret, filter = Prefix(prefix), rateLimitPerMinute = 600 }, server);
        var events = Enumerable.Range(0, 30).Select(i => OmEvent.Created(Guid.NewGuid(), $"{prefix}.t{i}")).ToArray();
        await PostAsync(server, events);
        for (var waited = 0; receiver.Requests.Count < 5 && waited < 300; waited++)
            await Task.Delay(100);
        await server.DisposeAsync();
        var sentBeforeRestart = receiver.Requests.Count;
        Assert.InRange(sentBeforeRestart, 1, 29);

        await using var restarted = await HistoryGraphServer.StartAsync(settings);
        await PostgresServerFixture.WaitHealthyAsync(restarted);
        var deliveries = await SettledAsync(id, expected: 30, server: restarted);
        Assert.All(deliveries, d => Assert.Equal("DELIVERED", d.GetProperty("status").GetString()));
        var sequences = receiver.Requests.Select(r => JsonNode.Parse(r.Body)!["payload"]!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(30, sequences.Count);
        Assert.Equal(30, sequences.Distinct().Count());
        Assert.Equal(sequences.Order(), sequences);
    }
}
