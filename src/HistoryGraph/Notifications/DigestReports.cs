using System.Globalization;
using System.Text.Json.Nodes;
using GraphQL.Types;
using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using HistoryGraph.Notifications.Messages;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Notifications;

/// A target's digest over a period, read from the stored history with the target's filter:
/// events by type, the most changed assets, the most active people and bots (apart), deletions
/// and breaking changes, each asset with a link. A handful of grouped queries whatever the
/// period's size; the numbers are the store's, so that they equal what the GraphQL API says.
public sealed class DigestReports(ISchema schema, AssetLinks links)
{
    public const int TopAssets = 10;
    public const int TopUsers = 5;
    public const int ListedEvents = 10;

    public const int MaxPeriodDays = 366;

    /// Why a period cannot be reported, or null.
    public static string? PeriodProblem(DateTime from, DateTime to) =>
        to <= from ? "`to` must be after `from`." : to - from > TimeSpan.FromDays(MaxPeriodDays) ? $"A digest covers at most {MaxPeriodDays} days." : null;

    /// The digest of [from, to) for a target, and the message its platform would be sent.
    public async Task<DigestPreview> PreviewAsync(HistoryDbContext db, NotificationTarget target, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var document = await BuildAsync(db, target, DigestPeriod.Custom, from, to, cancellationToken);
        var template = target.Template is { } text && MessageTemplate.TryParse(text, out var parsed, out _) ? parsed : null;
        return new DigestPreview(document, MessageSender.Body(target, document, template));
    }

    public async Task<MessageDocument> BuildAsync(HistoryDbContext db, NotificationTarget target, DigestPeriod period, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var events = LiveTopics.Changes(NotificationFilter.Read(schema, target.Filter)).Replay(db).AsNoTracking().Where(e => e.Timestamp >= start && e.Timestamp < end);

        var byType = (await events.GroupBy(e => e.EventType).Select(g => new { Type = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Type, StringComparer.Ordinal).ToList();
        var total = byType.Sum(t => t.Count);
        var assets = (await events.GroupBy(e => new { e.EntityId, e.EntityType })
                .Select(g => new { g.Key.EntityId, g.Key.EntityType, Fqn = g.Max(e => e.EntityFqn), Count = g.LongCount() })
                .OrderByDescending(a => a.Count).ThenBy(a => a.Fqn).Take(TopAssets).ToListAsync(cancellationToken));
        var assetCount = await events.Select(e => e.EntityId).Distinct().LongCountAsync(cancellationToken);
        var users = await events.Where(e => e.UserName != null)
            .GroupBy(e => e.UserName!)
            .Select(g => new { Name = g.Key, Count = g.LongCount(), IsBot = db.Actors.Any(a => a.Name == g.Key && a.IsBot) })
            .ToListAsync(cancellationToken);
        var deletionTypes = new[] { EventTypes.EntityDeleted, EventTypes.EntitySoftDeleted };
        var deletions = await events.Where(e => deletionTypes.Contains(e.EventType))
            .OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Sequence).Take(ListedEvents)
            .Select(e => new Listed(e.EntityType, e.EntityFqn, e.UserName, e.Timestamp, e.EventType)).ToListAsync(cancellationToken);
        var deletionCount = byType.Where(t => deletionTypes.Contains(t.Type)).Sum(t => t.Count);
        var breakingEvents = events.Where(e => e.SemanticChange == SemanticChange.Major);
        var breakingCount = await breakingEvents.LongCountAsync(cancellationToken);
        var breaking = await breakingEvents.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Sequence).Take(ListedEvents)
            .Select(e => new Listed(e.EntityType, e.EntityFqn, e.UserName, e.Timestamp, e.EventType)).ToListAsync(cancellationToken);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(target.TimeZone);
        string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var humans = users.Where(u => !u.IsBot).OrderByDescending(u => u.Count).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        var bots = users.Where(u => u.IsBot).OrderByDescending(u => u.Count).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        var name = period switch { DigestPeriod.Daily => "Daily digest", DigestPeriod.Weekly => "Weekly digest", _ => "Digest" };

        var sections = new List<MessageSection>();
        if (assets.Count > 0)
            sections.Add(new("Most changed assets", assets.Select(a => new MessageItem(a.Fqn ?? a.EntityId.ToString(), $"{a.EntityType}, {EventNotice.Count(a.Count, "event")}", links.Of(a.EntityType, a.Fqn))).ToList(),
                (int)Math.Max(0, assetCount - assets.Count)));
        if (humans.Count > 0)
            sections.Add(new("Most active people", humans.Take(TopUsers).Select(u => new MessageItem(u.Name, EventNotice.Count(u.Count, "event"))).ToList(), Math.Max(0, humans.Count - TopUsers)));
        if (bots.Count > 0)
            sections.Add(new("Most active bots", bots.Take(TopUsers).Select(u => new MessageItem(u.Name, EventNotice.Count(u.Count, "event"))).ToList(), Math.Max(0, bots.Count - TopUsers)));
        if (deletions.Count > 0)
            sections.Add(new("Deletions", deletions.Select(d => Item(d, Local)).ToList(), (int)Math.Max(0, deletionCount - deletions.Count)));
        if (breaking.Count > 0)
            sections.Add(new("Breaking changes", breaking.Select(b => Item(b, Local)).ToList(), (int)Math.Max(0, breakingCount - breaking.Count)));

        var facts = byType.Select(t => new MessageFact(t.Type, t.Count.ToString("N0", CultureInfo.InvariantCulture))).ToList();
        facts.Add(new("Breaking changes", breakingCount.ToString("N0", CultureInfo.InvariantCulture)));
        return new MessageDocument
        {
            Title = $"📊 {name}: {EventNotice.Count(total, "change")}",
            Summary = $"From {Local(start)} to {Local(end)} ({target.TimeZone}): {EventNotice.Count(total, "event")} on {EventNotice.Count(assetCount, "asset")} by {EventNotice.Count(humans.Count, "person", "people")} and {EventNotice.Count(bots.Count, "bot")}.",
            Facts = facts,
            Sections = sections,
            Timestamp = end,
            Alert = breakingCount > 0 || deletionCount > 0,
            Footer = $"HistoryGraph · {name.ToLowerInvariant()} for {target.Name}",
            Key = $"digest-{period.ToString().ToLowerInvariant()}-{end:yyyyMMddHHmm}",
            EventType = "digest",
            Empty = total == 0,
            Payload = new JsonObject
            {
                ["period"] = period.ToString().ToUpperInvariant(),
                ["start"] = start,
                ["end"] = end,
                ["timeZone"] = target.TimeZone,
                ["events"] = total,
                ["assets"] = assetCount,
                ["breakingChanges"] = breakingCount,
                ["deletions"] = deletionCount,
                ["byEventType"] = new JsonObject(byType.Select(t => KeyValuePair.Create(t.Type, (JsonNode?)t.Count))),
                ["mostChangedAssets"] = new JsonArray(assets.Select(a => (JsonNode)new JsonObject
                {
                    ["entityId"] = a.EntityId, ["entityType"] = a.EntityType, ["fqn"] = a.Fqn, ["events"] = a.Count, ["link"] = links.Of(a.EntityType, a.Fqn),
                }).ToArray()),
                ["mostActiveUsers"] = Users(humans.Take(TopUsers).Select(u => (u.Name, u.Count))),
                ["mostActiveBots"] = Users(bots.Take(TopUsers).Select(u => (u.Name, u.Count))),
                ["latestDeletions"] = Events(deletions),
                ["latestBreakingChanges"] = Events(breaking),
            },
            ModelName = "digest",
            Values = new Dictionary<string, string?>
            {
                ["period"] = period.ToString().ToUpperInvariant(),
                ["start"] = Local(start),
                ["end"] = Local(end),
                ["timeZone"] = target.TimeZone,
                ["events"] = total.ToString(CultureInfo.InvariantCulture),
                ["assets"] = assetCount.ToString(CultureInfo.InvariantCulture),
                ["breakingChanges"] = breakingCount.ToString(CultureInfo.InvariantCulture),
                ["deletions"] = deletionCount.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    private MessageItem Item(Listed e, Func<DateTime, string> local) =>
        new(e.Fqn ?? e.EntityType, $"{e.EntityType}, {EventNotice.Verb(e.EventType).Verb} by {e.UserName ?? "someone"} at {local(e.Timestamp)}", links.Of(e.EntityType, e.Fqn));

    private JsonArray Events(IEnumerable<Listed> events) => new(events.Select(e => (JsonNode)new JsonObject
    {
        ["entityType"] = e.EntityType, ["fqn"] = e.Fqn, ["userName"] = e.UserName, ["timestamp"] = e.Timestamp, ["eventType"] = e.EventType, ["link"] = links.Of(e.EntityType, e.Fqn),
    }).ToArray());

    private static JsonArray Users(IEnumerable<(string Name, long Count)> users) =>
        new(users.Select(u => (JsonNode)new JsonObject { ["name"] = u.Name, ["events"] = u.Count }).ToArray());

    private sealed record Listed(string EntityType, string? Fqn, string? UserName, DateTime Timestamp, string EventType);
}
