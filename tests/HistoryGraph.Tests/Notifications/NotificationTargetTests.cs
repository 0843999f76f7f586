using System.Net;
using System.Text.Json;
using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Notifications;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Notifications;

/// Notification targets managed through the admin mutations and listed by the admin-only
/// `notificationTargets` connection: secrets kept encrypted and shown masked, every input checked
/// before anything is saved, partial updates, enabling and disabling, deletion.
public abstract class NotificationTargetTests(HistoryGraphServer server)
{
    public const string AdminKey = "notifications-admin-key";

    public static string[] Settings => [$"Admin:ApiKeys:0={AdminKey}"];

    private const string SlackUrl = "https://hooks.slack.com/services/T0000/B0000/abcdefghijklmnopqrstWXYZ";

    private const string Fields = """
        targetId name kind enabled status url secret botToken chatId emails filter template timeZone rateLimitPerMinute
        createdBy startSequence consecutiveFailures disabledReason digests { period cron sendWhenEmpty } failureDetails { lastFailedAt }
        """;

    private const string Create = $$"""
        mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { {{Fields}} } }
        """;

    private const string Update = $$"""
        mutation($input: UpdateNotificationTargetInput!) { updateNotificationTarget(input: $input) { {{Fields}} } }
        """;

    private Task<JsonElement> AdminAsync(string query, object? variables = null, string? key = AdminKey) => server.AdminGraphQLAsync(query, variables, key);

    private static JsonElement Data(JsonElement body, string field) =>
        body.TryGetProperty("errors", out var errors) ? throw new Xunit.Sdk.XunitException(errors.ToString()) : body.GetProperty("data").GetProperty(field);

    private static string ErrorCode(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    private async Task<JsonElement> CreateAsync(object input) => Data(await AdminAsync(Create, new { input }), "createNotificationTarget");

    [Fact]
    public async Task a_slack_target_is_saved_with_its_url_encrypted_shown_masked_and_listed_for_admins()
    {
        var name = Unique("data-team");
        await server.PostAsync(OmEvent.Created(Guid.NewGuid(), "targets.db.s.t" + name).ToJson());
        var highest = (await server.QueryAsync("{ events(first: 1) { nodes { sequence } } }")).GetProperty("events").GetProperty("nodes")[0].GetProperty("sequence").GetInt64();

        var target = await CreateAsync(new
        {
            name,
            kind = "SLACK",
            url = SlackUrl,
            filter = new { eventType = new { @in = new[] { "entityUpdated", "entityDeleted" } }, fqn = new { startsWith = "prod." }, breaking = new { eq = true } },
            timeZone = "Europe/Paris",
            digests = new object[] { new { period = "DAILY" }, new { period = "WEEKLY", cron = "30 8 * * FRI", sendWhenEmpty = true } },
        });

        Assert.Equal(name, target.GetProperty("name").GetString());
        Assert.Equal("SLACK", target.GetProperty("kind").GetString());
        Assert.True(target.GetProperty("enabled").GetBoolean());
        Assert.Equal("ACTIVE", target.GetProperty("status").GetString());
        Assert.Equal("https://hooks.slack.com/••••WXYZ", target.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, target.GetProperty("secret").ValueKind);
        Assert.Equal("admin key 1", target.GetProperty("createdBy").GetString());
        Assert.Equal(highest, target.GetProperty("startSequence").GetInt64());
        Assert.Equal(JsonValueKind.Null, target.GetProperty("failureDetails").ValueKind);
        Assert.Equal("""{"eventType":{"in":["entityUpdated","entityDeleted"]},"fqn":{"startsWith":"prod."},"breaking":{"eq":true}}""",
            target.GetProperty("filter").GetRawText());
        var digests = target.GetProperty("digests").EnumerateArray().Select(d => (d.GetProperty("period").GetString(), d.GetProperty("cron").GetString(), d.GetProperty("sendWhenEmpty").GetBoolean())).ToList();
        Assert.Equal([("DAILY", "0 9 * * *", false), ("WEEKLY", "30 8 * * FRI", true)], digests);

        await using (var db = await server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.NotificationTargets.SingleAsync(t => t.Name == name);
            Assert.DoesNotContain("abcdefghij", stored.ProtectedUrl);
            Assert.Equal(SlackUrl, server.Services.GetRequiredService<TargetSecrets>().Unprotect(stored.ProtectedUrl!));
        }

        var listed = Data(await AdminAsync($$"""{ notificationTargets(first: 5, where: { name: { eq: "{{name}}" }, kind: { eq: SLACK } }) { nodes { name url } } }"""), "notificationTargets");
        Assert.Equal("https://hooks.slack.com/••••WXYZ", Assert.Single(listed.GetProperty("nodes").EnumerateArray()).GetProperty("url").GetString());
    }

    [Fact]
    public async Task targets_and_the_delivery_log_are_refused_without_an_admin_key()
    {
        Assert.Equal("AUTH_NOT_AUTHENTICATED", ErrorCode(await AdminAsync("{ notificationTargets(first: 1) { nodes { name } } }", key: null)));
        Assert.Equal("AUTH_NOT_AUTHENTICATED", ErrorCode(await AdminAsync("{ notificationDeliveries(first: 1) { nodes { number } } }", key: null)));
        Assert.Equal((System.Net.HttpStatusCode.Unauthorized, "AUTH_NOT_AUTHENTICATED"),
            await server.KeyedGraphQLAsync(Create, new { input = new { name = "x", kind = "SLACK", url = SlackUrl } }, "not-the-key"));
        var refused = await AdminAsync("""mutation { deleteNotificationTarget(targetId: "0195e6d2-0000-7000-8000-000000000000") { name } }""", key: null);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", ErrorCode(refused));
    }

    public static TheoryData<string, string> RefusedInputs => new()
    {
        { """{"kind":"SLACK"}""", "INVALID_ARGUMENT" },
        { """{"kind":"SLACK","url":"https://hooks.slack.com/services/x","secret":"abc"}""", "INVALID_ARGUMENT" },
        { """{"kind":"WEBHOOK","url":"https://receiver.example.com/hook"}""", "INVALID_ARGUMENT" },
        { """{"kind":"WEBHOOK","url":"http://127.0.0.1:8080/hook","secret":"0123456789abcdef"}""", "URL_REFUSED" },
        { """{"kind":"WEBHOOK","url":"http://169.254.169.254/latest/meta-data","secret":"0123456789abcdef"}""", "URL_REFUSED" },
        { """{"kind":"DISCORD","url":"ftp://discord.com/api/webhooks/1/x"}""", "URL_REFUSED" },
        { """{"kind":"TELEGRAM","botToken":"123:abc"}""", "INVALID_ARGUMENT" },
        { """{"kind":"TELEGRAM","botToken":"123:abc","chatId":"-1001","url":"https://api.telegram.org"}""", "INVALID_ARGUMENT" },
        { """{"kind":"EMAIL","emails":["data-team@example.com"]}""", "SMTP_NOT_CONFIGURED" },
        { """{"kind":"EMAIL","emails":["not an address"]}""", "INVALID_ARGUMENT" },
        { """{"kind":"SLACK","url":"https://hooks.slack.com/services/x","template":"{% if %}"}""", "INVALID_TEMPLATE" },
        { """{"kind":"SLACK","url":"https://hooks.slack.com/services/x","timeZone":"Mars/Olympus"}""", "INVALID_ARGUMENT" },
        { """{"kind":"SLACK","url":"https://hooks.slack.com/services/x","digests":[{"period":"DAILY","cron":"every day"}]}""", "INVALID_ARGUMENT" },
        { """{"kind":"SLACK","url":"https://hooks.slack.com/services/x","digests":[{"period":"CUSTOM"}]}""", "INVALID_ARGUMENT" },
        { """{"kind":"SLACK","url":"https://hooks.slack.com/services/x","rateLimitPerMinute":0}""", "INVALID_ARGUMENT" },
    };

    [Theory]
    [MemberData(nameof(RefusedInputs))]
    public async Task a_target_that_could_not_work_is_refused_with_a_code_and_not_saved(string input, string code)
    {
        var name = Unique("refused");
        var given = JsonSerializer.Deserialize<Dictionary<string, object?>>(input)!;
        given["name"] = name;
        var body = await AdminAsync(Create, new { input = given });
        Assert.Equal(code, ErrorCode(body));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("errors")[0].GetProperty("message").GetString()));
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync();
        Assert.False(await db.NotificationTargets.AnyAsync(t => t.Name == name));
    }

    [Fact]
    public async Task a_host_name_that_resolves_to_a_private_address_is_refused_when_saved()
    {
        // This machine's own name resolves to a loopback or private address (/etc/hosts).
        var host = System.Net.Dns.GetHostName();
        var addresses = await System.Net.Dns.GetHostAddressesAsync(host);
        Assert.True(addresses.Length > 0 && addresses.All(PrivateAddresses.IsPrivate), $"{host} resolves to {string.Join(", ", addresses.AsEnumerable())}");
        var name = Unique("resolved");

        var body = await AdminAsync(Create, new { input = new { name, kind = "WEBHOOK", url = $"http://{host}:8080/hook", secret = "0123456789abcdef" } });

        Assert.Equal("URL_REFUSED", ErrorCode(body));
        Assert.Contains("resolves to a private", body.GetProperty("errors")[0].GetProperty("message").GetString());
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync();
        Assert.False(await db.NotificationTargets.AnyAsync(t => t.Name == name));
    }

    [Fact]
    public async Task a_second_target_with_a_name_in_use_is_refused()
    {
        var name = Unique("twice");
        await CreateAsync(new { name, kind = "DISCORD", url = "https://discord.com/api/webhooks/1/abcdefghijklmnopqrstuvwxyz" });
        var body = await AdminAsync(Create, new { input = new { name, kind = "DISCORD", url = "https://discord.com/api/webhooks/2/zyxwvutsrqponmlkjihgfedcba" } });
        Assert.Equal("NAME_TAKEN", ErrorCode(body));
    }

    [Fact]
    public async Task an_update_changes_what_it_gives_keeps_the_rest_and_clears_what_it_gives_as_null()
    {
        var target = await CreateAsync(new
        {
            name = Unique("webhook"),
            kind = "WEBHOOK",
            url = "https://receiver.example.com/hooks/historygraph",
            secret = "first-secret-0123456789",
            template = "{{ event.fqn }} changed",
            filter = new { entityType = new { eq = "table" } },
            rateLimitPerMinute = 30,
        });
        Assert.Equal("••••6789", target.GetProperty("secret").GetString());
        var id = target.GetProperty("targetId").GetString();

        var updated = Data(await AdminAsync(Update, new { input = new Dictionary<string, object?> { ["targetId"] = id, ["template"] = null, ["secret"] = "second-secret-abcdefghij" } }), "updateNotificationTarget");

        Assert.Equal(JsonValueKind.Null, updated.GetProperty("template").ValueKind);
        Assert.Equal("••••ghij", updated.GetProperty("secret").GetString());
        Assert.Equal(target.GetProperty("url").GetString(), updated.GetProperty("url").GetString());
        Assert.Equal("""{"entityType":{"eq":"table"}}""", updated.GetProperty("filter").GetRawText());
        Assert.Equal(30, updated.GetProperty("rateLimitPerMinute").GetInt32());

        var refused = await AdminAsync(Update, new { input = new Dictionary<string, object?> { ["targetId"] = id, ["secret"] = null } });
        Assert.Equal("INVALID_ARGUMENT", ErrorCode(refused));
        var missing = await AdminAsync(Update, new { input = new { targetId = Guid.NewGuid(), name = "nobody" } });
        Assert.Equal("NOT_FOUND", ErrorCode(missing));
    }

    [Fact]
    public async Task disabling_says_who_did_and_enabling_starts_after_the_events_stored_meanwhile()
    {
        var target = await CreateAsync(new { name = Unique("toggle"), kind = "TEAMS", url = "https://example.webhook.office.com/webhookb2/abcdefghijklmnop" });
        var id = target.GetProperty("targetId").GetString();

        var disabled = Data(await AdminAsync(Update, new { input = new { targetId = id, enabled = false } }), "updateNotificationTarget");
        Assert.Equal("DISABLED", disabled.GetProperty("status").GetString());
        Assert.Equal("disabled by admin key 1", disabled.GetProperty("disabledReason").GetString());

        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Created(Guid.NewGuid(), "toggle.db.s.t" + Guid.NewGuid().ToString("N")[..6]).ToJson())).StatusCode);
        var enabled = Data(await AdminAsync(Update, new { input = new { targetId = id, enabled = true } }), "updateNotificationTarget");
        Assert.Equal("ACTIVE", enabled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabledReason").ValueKind);
        Assert.True(enabled.GetProperty("startSequence").GetInt64() > disabled.GetProperty("startSequence").GetInt64());
    }

    [Fact]
    public async Task a_deleted_target_is_gone_and_a_second_delete_finds_nothing()
    {
        var target = await CreateAsync(new { name = Unique("gone"), kind = "GOOGLE_CHAT", url = "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=abc&token=def" });
        var id = target.GetProperty("targetId").GetString();
        const string Delete = "mutation($id: UUID!) { deleteNotificationTarget(targetId: $id) { name } }";

        Assert.Equal(target.GetProperty("name").GetString(), Data(await AdminAsync(Delete, new { id }), "deleteNotificationTarget").GetProperty("name").GetString());
        Assert.Equal("NOT_FOUND", ErrorCode(await AdminAsync(Delete, new { id })));
    }

    [Fact]
    public async Task a_stored_filter_reads_back_as_the_same_input_with_its_enums_and_instants()
    {
        var target = await CreateAsync(new
        {
            name = Unique("filter"),
            kind = "SLACK",
            url = SlackUrl,
            filter = new
            {
                semanticChange = new { @in = new[] { "MAJOR", "MINOR" } },
                timestamp = new { gte = "2026-01-02T03:04:05.678Z" },
                currentVersion = new { gt = 1.5 },
                or = new object[] { new { userName = new { eq = "admin" } }, new { entity = new { lifecycle = new { eq = "ACTIVE" } } } },
            },
        });
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync();
        var stored = (await db.NotificationTargets.SingleAsync(t => t.Id == Guid.Parse(target.GetProperty("targetId").GetString()!))).Filter;
        var schema = server.Services.GetRequiredService<ISchema>();

        var where = NotificationFilter.Read(schema, stored)!;

        Assert.Equal([SemanticChange.Major, SemanticChange.Minor], ((IEnumerable<object?>)((IDictionary<string, object?>)where["semanticChange"]!)["in"]!).Cast<SemanticChange>());
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), ((DateTime)((IDictionary<string, object?>)where["timestamp"]!)["gte"]!).ToUniversalTime());
        Assert.Equal(1.5m, ((IDictionary<string, object?>)where["currentVersion"]!)["gt"]);
        Assert.Equal(stored, NotificationFilter.Write(schema, where));
    }
}

public sealed class PostgresNotificationTargetTests(PostgresNotificationTargetTests.ServerFixture fixture)
    : NotificationTargetTests(fixture.Server), IClassFixture<PostgresNotificationTargetTests.ServerFixture>
{
    public sealed class ServerFixture : PostgresServerFixture
    {
        protected override string[] Settings => NotificationTargetTests.Settings;
    }
}

public sealed class SqliteNotificationTargetTests(SqliteNotificationTargetTests.ServerFixture fixture)
    : NotificationTargetTests(fixture.Server), IClassFixture<SqliteNotificationTargetTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => NotificationTargetTests.Settings;
    }
}
