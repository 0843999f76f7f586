using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Hardening;

/// Signed deliveries corrupted the ways a broken or hostile sender would: lone surrogates and
/// overlong UTF-8 anywhere, entities nested past the limit (as objects and as JSON strings),
/// timestamps from year 1 to far beyond, flipped and cut bytes of real OpenMetadata samples.
/// Every one must end stored (200) or kept verbatim as rejected (400): never a 5xx, never lost.
public class WebhookFuzzTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private HistoryGraphServer Server => fixture.Server;

    private static readonly string[] SampleNames = ["01-", "05-", "06-", "07-", "08-", "09-", "10-", "c01-", "c02-", "c03-", "c04-", "c05-"];

    /// Sends the body signed and checks the promise; returns the status.
    private async Task<HttpStatusCode> SendAndCheckAsync(byte[] body)
    {
        var response = await Server.PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for a signed body: {text}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal("UNREADABLE_DELIVERY", problem.GetProperty("code").GetString());
            var ids = problem.GetProperty("rejectedIds").EnumerateArray().Select(i => i.GetInt64()).ToList();
            Assert.NotEmpty(ids);
            using var scope = Server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HistoryDbContext>();
            var kept = await db.RejectedDeliveries.Where(r => ids.Contains(r.Id)).ToListAsync();
            Assert.Equal(ids.Count, kept.Count);
            // A whole-body rejection keeps the exact bytes; a batch item keeps the item.
            foreach (var row in kept.Where(r => r.PartIndex is null))
                Assert.Equal(body, row.Body);
            Assert.All(kept, row => Assert.False(string.IsNullOrWhiteSpace(row.Reason)));
            // The answer names the same reasons the rows keep.
            var reasons = problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
            Assert.All(kept, row => Assert.Contains(row.Reason, reasons));
        }
        return response.StatusCode;
    }

    private static string Event(Action<JsonObject>? change = null, JsonNode? entity = null)
    {
        var id = Guid.NewGuid();
        var e = JsonNode.Parse(new OmEvent { EntityId = id, Fqn = $"fuzz.db.s.t{id:N}" }.ToJson())!.AsObject();
        if (entity is not null)
            e["entity"] = entity;
        change?.Invoke(e);
        return e.ToJsonString();
    }

    private static JsonObject Nested(int depth)
    {
        var root = new JsonObject();
        var node = root;
        for (var i = 0; i < depth; i++)
        {
            var inner = new JsonObject();
            node["x"] = inner;
            node = inner;
        }
        return root;
    }

    [Theory]
    [InlineData("entityFullyQualifiedName")]
    [InlineData("userName")]
    [InlineData("eventType")]
    [InlineData("entityType")]
    [InlineData("id")]
    public async Task a_lone_surrogate_in_any_field_is_kept_as_rejected(string field)
    {
        foreach (var escape in new[] { "\\ud800", "\\udfff", "a\\ud83d", "\\udc00\\ud800" })
        {
            var body = Event(e => e[field] = "PLACEHOLDER").Replace("\"PLACEHOLDER\"", $"\"{escape}\"");
            Assert.Equal(HttpStatusCode.BadRequest, await SendAndCheckAsync(Encoding.UTF8.GetBytes(body)));
        }
    }

    [Fact]
    public async Task lone_surrogates_in_the_entity_string_a_batch_item_and_the_test_message_are_kept()
    {
        var entityString = Event().Replace("\"entity\":\"{", "\"entity\":\"{\\\"note\\\":\\\"\\\\ud800\\\",");
        Assert.Equal(HttpStatusCode.BadRequest, await SendAndCheckAsync(Encoding.UTF8.GetBytes(entityString)));
        var batch = $"{{\"data\":[{Event()},{Event(e => e["userName"] = "PLACEHOLDER").Replace("\"PLACEHOLDER\"", "\"\\ud800\"")}]}}";
        Assert.Equal(HttpStatusCode.BadRequest, await SendAndCheckAsync(Encoding.UTF8.GetBytes(batch)));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAndCheckAsync(Encoding.UTF8.GetBytes("{\"message\":\"Test \\ud800\"}")));
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xE0, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0x80 })]
    public async Task invalid_utf8_anywhere_is_kept_as_rejected(byte[] invalid)
    {
        var text = Encoding.UTF8.GetBytes(Event());
        foreach (var at in new[] { 1, text.Length / 3, text.Length / 2, text.Length - 2 })
        {
            var body = text[..at].Concat(invalid).Concat(text[at..]).ToArray();
            Assert.Equal(HttpStatusCode.BadRequest, await SendAndCheckAsync(body));
        }
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(255)]
    [InlineData(900)]
    public async Task an_entity_nested_past_the_one_limit_is_kept_as_rejected_as_object_or_string(int depth)
    {
        var id = Guid.NewGuid();
        var entity = new JsonObject { ["id"] = id.ToString(), ["name"] = "deep", ["deep"] = Nested(depth) };
        var asObject = Event(e => e["entityId"] = id.ToString(), entity.DeepClone());
        var asString = Event(e => e["entityId"] = id.ToString(), JsonValue.Create(entity.ToJsonString()));
        foreach (var body in new[] { asObject, asString })
            Assert.Equal(HttpStatusCode.BadRequest, await SendAndCheckAsync(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("-62135596800000")]
    [InlineData("-1")]
    [InlineData("253402300799999")]
    [InlineData("9223372036854775807")]
    [InlineData("1e300")]
    [InlineData("\"0001-01-01T00:00:00Z\"")]
    [InlineData("\"9999-12-31T23:59:59Z\"")]
    public async Task a_timestamp_outside_the_sane_range_is_kept_as_rejected_with_a_reason(string timestamp)
    {
        var body = Event(e => e["timestamp"] = 1).Replace("\"timestamp\":1", $"\"timestamp\":{timestamp}");
        Assert.Equal(HttpStatusCode.BadRequest, await SendAndCheckAsync(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("userName")]
    [InlineData("entityType")]
    [InlineData("eventType")]
    public async Task nul_in_a_text_field_is_kept_with_the_database_reason_in_the_answer(string field)
    {
        var body = Event(e => e[field] = "a\u0000b");
        Assert.Equal(HttpStatusCode.BadRequest, await SendAndCheckAsync(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public async Task generated_corruptions_of_real_samples_are_all_stored_or_kept()
    {
        var random = new Random(20261127);
        var samples = SampleNames.Select(Samples.Bytes).ToList();
        var outcomes = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 400; i++)
        {
            var body = Corrupt(samples[random.Next(samples.Count)], random);
            var status = await SendAndCheckAsync(body);
            outcomes[status] = outcomes.GetValueOrDefault(status) + 1;
        }
        // Both answers occur: the corruptions are not all fatal, nor all harmless.
        Assert.True(outcomes.GetValueOrDefault(HttpStatusCode.OK) > 20, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(HttpStatusCode.BadRequest) > 20, string.Join(", ", outcomes));
        Assert.True((await Server.Client.GetAsync("/health")).IsSuccessStatusCode);
    }

    /// One of several corruptions, each of a kind seen from broken senders.
    private static byte[] Corrupt(byte[] sample, Random random)
    {
        var text = Encoding.UTF8.GetString(sample);
        // Fresh ids so that a stored corruption is not taken for a redelivery of another.
        text = System.Text.RegularExpressions.Regex.Replace(text, "\"id\"\\s*:\\s*\"[0-9a-f-]{36}\"", _ => $"\"id\":\"{Guid.NewGuid()}\"");
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = random.Next(1, bytes.Length - 1);
        return random.Next(12) switch
        {
            0 => Insert(bytes, at, [0xC0, 0x80]),
            1 => Insert(bytes, at, [(byte)random.Next(0x80, 0x100)]),
            2 => Flip(bytes, at, random),
            3 => bytes[..at],
            4 => ReplaceFirstString(text, "\\ud800"),
            5 => ReplaceFirstString(text, "\\u0000"),
            6 => Encoding.UTF8.GetBytes(text.Replace("\"timestamp\":", "\"timestamp\":-", StringComparison.Ordinal)),
            7 => Encoding.UTF8.GetBytes(text.Replace("\"timestamp\":", "\"timestamp\":\"x\",\"t\":", StringComparison.Ordinal)),
            8 => Insert(bytes, 0, [0xEF, 0xBB, 0xBF]),
            9 => Encoding.UTF8.GetBytes(new string('[', random.Next(60, 300)) + text + new string(']', random.Next(0, 300))),
            10 => Encoding.UTF8.GetBytes(text.Replace("\"", "\"\\u00e9", StringComparison.Ordinal)),
            _ => bytes,
        };
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];

    private static byte[] Flip(byte[] bytes, int at, Random random)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static byte[] ReplaceFirstString(string text, string escape)
    {
        var quote = text.IndexOf(":\"", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(quote < 0 ? text : text[..(quote + 2)] + escape + text[(quote + 2)..]);
    }
}
