using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using HistoryGraph.Notifications;
using HistoryGraph.Notifications.Messages;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Tests.Notifications;

/// Each platform's message for an event far larger than any platform takes (60 field changes,
/// values of 5,000 characters full of markup characters) stays within that platform's limits,
/// says how much it left out, and keeps its markup well formed.
public sealed class MessageFormatTests
{
    private const string Markup = "_*[]()~`>#+-=|{}.!\\ <b>&amp; @everyone :smile:";

    private static readonly AssetLinks Links = new("https://om.example.com", null);

    private static LiveEvent Huge()
    {
        var codec = new PayloadCodec();
        var e = new ChangeEvent
        {
            Sequence = 42,
            EventKey = "k",
            EventType = "entityUpdated",
            EntityType = "table",
            EntityId = Guid.NewGuid(),
            EntityFqn = "svc.db.schema." + Markup,
            UserName = "bob" + Markup,
            Timestamp = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc),
            PreviousVersion = 1.1m,
            CurrentVersion = 1.2m,
            SemanticChange = SemanticChange.Major,
            Payload = codec.Pack(Encoding.UTF8.GetBytes("""{"eventType":"entityUpdated"}""")),
        };
        var value = JsonSerializer.Serialize(string.Concat(Enumerable.Repeat(Markup, 5000 / Markup.Length)));
        var changes = Enumerable.Range(0, 60).Select(i => new FieldChange
        {
            EventSequence = 42, Ordinal = i, EntityId = e.EntityId, EntityType = "table", Path = $"columns.\"c{i}{Markup}\".description", Field = "description",
            ChangeType = ChangeType.Updated, OldValue = value, NewValue = value, SemanticChange = i % 2 == 0 ? SemanticChange.Major : SemanticChange.Patch,
        }).ToList();
        return new LiveEvent { Event = e, FieldChanges = changes };
    }

    private static MessageDocument Document() => EventNotice.Build(Huge(), new PayloadCodec(), Links);

    [Fact]
    public void every_platform_keeps_a_huge_event_within_its_limits_and_says_what_it_left_out()
    {
        var document = Document();

        var slack = SlackMessage.Build(document, null).ToJsonString();
        Assert.Null(PlatformRules.Slack(slack));
        Assert.Contains("more", slack, StringComparison.Ordinal);
        var discord = DiscordMessage.Build(document, null).ToJsonString();
        Assert.Null(PlatformRules.Discord(discord));
        Assert.Contains("…and", JsonNode.Parse(discord)!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(PlatformRules.Teams(TeamsMessage.Build(document, null).ToJsonString()));
        Assert.Null(PlatformRules.GoogleChat(GoogleChatMessage.Build(document, null).ToJsonString()));
        var telegram = TelegramMessage.Build(document, null, "-100").ToJsonString();
        Assert.Null(PlatformRules.Telegram(telegram));
        Assert.True(JsonNode.Parse(telegram)!["text"]!.GetValue<string>().Length <= TelegramMessage.MaxTextChars);
    }

    [Fact]
    public void telegram_escapes_every_reserved_character_and_shows_the_text_unchanged()
    {
        var text = "Price (USD) *net* _after_ tax [v2] #1 > 0! ~x~ |y| {z} a=b+c-d. \\ `q`";

        Assert.Null(PlatformRules.MarkdownV2(TelegramMessage.Escape(text)));
        Assert.Null(PlatformRules.MarkdownV2($"`{TelegramMessage.EscapeCode(text)}`"));
        Assert.NotNull(PlatformRules.MarkdownV2(text));
        Assert.NotNull(PlatformRules.MarkdownV2("version 1.2"));
    }

    [Fact]
    public void a_template_sees_the_values_escaped_for_the_platform_and_its_own_text_unchanged()
    {
        var template = MessageTemplate.Parse("*{{ event.fqn }}* by {{ event.user }}: {{ changes | size }} shown{% for c in changes limit:1 %} {{ c.path }}{% endfor %}");

        var text = template.Render(Document(), TelegramMessage.Escape);

        Assert.StartsWith(@"*svc\.db\.schema\.\_\*\[\]\(\)\~\`\>\#\+\-\=\|\{\}\.\!\\ <b\>&amp; @everyone :smile:* by bob\_", text, StringComparison.Ordinal);
        Assert.Contains($" {EventNotice.MaxChanges} shown columns\\.", text, StringComparison.Ordinal);
        Assert.Null(PlatformRules.MarkdownV2(text));
    }

    [Fact]
    public void a_template_that_loops_without_end_is_stopped()
    {
        // 20 changes nested six deep: 64 million iterations, stopped after the steps allowed.
        var template = MessageTemplate.Parse("{% for a in changes %}{% for b in changes %}{% for c in changes %}{% for d in changes %}{% for e in changes %}{% for f in changes %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}");

        Assert.ThrowsAny<Exception>(() => template.Render(Document(), v => v));
    }

    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}")]
    [InlineData("{% for i in (1..event.sequence) %}x{% endfor %}")]
    [InlineData("{{ (0..5000) | size }}")]
    public void a_range_that_could_be_huge_is_refused_when_the_template_is_read(string text)
    {
        Assert.False(MessageTemplate.TryParse(text, out var error));
        Assert.Contains("range", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% assign s = 'x' %}{% for c in changes %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}")]
    [InlineData("{% for c in changes %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}")]
    [InlineData("{% include 'secrets.liquid' %}")]
    public void a_template_cannot_keep_state_that_grows_or_read_files(string text)
    {
        Assert.False(MessageTemplate.TryParse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void a_small_range_renders()
    {
        Assert.Equal("12345", MessageTemplate.Parse("{% for i in (1..5) %}{{ i }}{% endfor %}").Render(Document(), v => v));
    }

    [Fact]
    public void a_webhook_signature_is_the_base64_hmac_of_timestamp_dot_body()
    {
        var body = Encoding.UTF8.GetBytes("""{"event_type":"entityUpdated"}""");

        var signature = WebhookMessage.Signature("secret", 1_764_000_000, body);

        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret"), Encoding.UTF8.GetBytes("1764000000.{\"event_type\":\"entityUpdated\"}")));
        Assert.Equal("sha256=" + expected, signature);
    }
}
