using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Backfill;

/// Fills version gaps from OpenMetadata's version history. From the version before a gap it
/// asks `/versions/{v}` for the next minor step (v + 0.1), and when OpenMetadata has none, for
/// the next major one (v + 1.0), until it reaches the version after the gap; each version found
/// is stored through the writer as an event of origin VERSION_REPAIR: an `entityUpdated` made
/// from the version's entity (its time and user are the entity's `updatedAt` and `updatedBy`),
/// whose field changes are derived from the snapshot before it. Its key is made from the entity,
/// version and time, so a repair run twice stores nothing twice.
public sealed class VersionRepair(
    IDbContextFactory<HistoryDbContext> contexts,
    OpenMetadataClient openMetadata,
    HistoryWriter writer,
    PayloadCodec codec,
    TimeProvider clock,
    IOptions<BackfillOptions> options,
    ILogger<VersionRepair> logger)
{
    public Task<VersionRepairReport> RepairAsync(CancellationToken cancellationToken) => RepairAsync(null, cancellationToken);

    /// The gaps of these entities only (null: of every entity), up to Backfill:MaxGapsPerRun.
    public async Task<VersionRepairReport> RepairAsync(IReadOnlyCollection<Guid>? entities, CancellationToken cancellationToken)
    {
        var gaps = new List<VersionGap>();
        var limit = options.Value.MaxGapsPerRun;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (entities is null)
                gaps.AddRange(await VersionGaps.FindAsync(db, null, limit, cancellationToken));
            else
                foreach (var entityId in entities.Order())
                {
                    if (gaps.Count >= limit)
                        break;
                    gaps.AddRange(await VersionGaps.FindAsync(db, entityId, limit - gaps.Count, cancellationToken));
                }
        }
        int stored = 0, present = 0;
        var stillMissing = new List<VersionGap>();
        string? error = null;
        foreach (var gap in gaps)
        {
            try
            {
                var (found, left) = await WalkAsync(gap, cancellationToken);
                if (found.Count > 0)
                {
                    var outcome = await writer.WriteAsync(Delivery(found), cancellationToken);
                    (stored, present) = (stored + outcome.Stored, present + outcome.Duplicates);
                }
                if (left is not null)
                    stillMissing.Add(left);
            }
            catch (OpenMetadataException ex)
            {
                // OpenMetadata refuses or is away: asking it about the other gaps would fail alike.
                error = $"{ex.Code}: {ex.Message}";
                stillMissing.AddRange(gaps.SkipWhile(g => g != gap));
                logger.LogWarning("Version repair stopped: {Error}", error);
                break;
            }
        }
        if (gaps.Count > 0)
            logger.LogInformation("Version repair: {Gaps} gap(s), {Stored} version(s) stored, {Left} gap(s) left", gaps.Count, stored, stillMissing.Count);
        return new VersionRepairReport(gaps.Count, stored, present, stillMissing, error);
    }

    /// The versions OpenMetadata has between the gap's ends, in order, and what is left of the
    /// gap when it has not all of them (null when closed).
    private async Task<(List<(ChangeEventMessage Message, string Json)> Found, VersionGap? Left)> WalkAsync(VersionGap gap, CancellationToken cancellationToken)
    {
        var found = new List<(ChangeEventMessage Message, string Json)>();
        var current = gap.AfterVersion;
        while (true)
        {
            (ChangeEventMessage Message, string Json)? next = null;
            foreach (var step in new[] { 0.1m, 1.0m })
            {
                var candidate = current + step;
                if (candidate >= gap.BeforeVersion)
                    return (found, candidate == gap.BeforeVersion ? null : gap with { AfterVersion = current });
                if ((next = await FetchAsync(gap, current, candidate, cancellationToken)) is not null)
                    break;
            }
            if (next is null)
                return (found, gap with { AfterVersion = current });
            found.Add(next.Value);
            current = next.Value.Message.Version!.Value;
        }
    }

    /// The version as an event, or null when OpenMetadata has no such version (404) or answers
    /// with another entity or version.
    private async Task<(ChangeEventMessage Message, string Json)?> FetchAsync(VersionGap gap, decimal previous, decimal version, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await openMetadata.GetVersionAsync(gap.EntityType, gap.EntityId, version, cancellationToken);
        }
        catch (OpenMetadataException ex) when (ex.Status == 404)
        {
            return null;
        }
        if (JsonNode.Parse(json) is not JsonObject entity)
            return null;
        var updatedAt = entity["updatedAt"] is JsonValue at && at.TryGetValue<long>(out var ms) ? ms : (long?)null;
        var node = new JsonObject
        {
            ["eventType"] = EventTypes.EntityUpdated,
            ["entityType"] = gap.EntityType,
            ["entityId"] = gap.EntityId.ToString(),
            ["entityFullyQualifiedName"] = (entity["fullyQualifiedName"] as JsonValue)?.ToString() ?? gap.Fqn,
            ["previousVersion"] = previous,
            ["currentVersion"] = version,
            ["timestamp"] = updatedAt ?? await TimeOfAsync(gap, cancellationToken),
            ["userName"] = (entity["updatedBy"] as JsonValue)?.ToString(),
            ["entity"] = entity,
        };
        var text = node.ToJsonString();
        using var document = JsonDocument.Parse(text);
        var (message, _) = DeliveryParser.ParseEvent(document.RootElement, codec);
        return message is { Entity.Version: { } got } && got == version && message.EntityId == gap.EntityId ? (message, text) : null;
    }

    // Without an updatedAt the version is placed at the time of the version before the gap.
    private async Task<long> TimeOfAsync(VersionGap gap, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var at = await db.EntityVersions.Where(v => v.EntityId == gap.EntityId && v.Version == gap.AfterVersion).Select(v => v.ChangedAt).FirstAsync(cancellationToken);
        return new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
    }

    /// The versions as one delivery; its body (kept only should the store refuse the events) is
    /// the events' JSON as made, not unpacked again.
    private IncomingDelivery Delivery(List<(ChangeEventMessage Message, string Json)> found)
    {
        var body = Encoding.UTF8.GetBytes("{\"data\":[" + string.Join(",", found.Select(f => f.Json)) + "]}");
        return new IncomingDelivery(clock.GetUtcNow().UtcDateTime, body, found.Select(f => f.Message).ToList(), [], Origin: EventOrigin.VersionRepair);
    }
}
