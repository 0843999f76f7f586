using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Text;
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
        IReadOnlyList<VersionGap> gaps;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            gaps = await VersionGaps.FindAsync(db, entities, options.Value.MaxGapsPerRun, cancellationToken);
        int stored = 0, present = 0;
        var stillMissing = new List<VersionGap>();
        string? error = null;
        for (var i = 0; i < gaps.Count; i++)
        {
            var (found, left, failure) = await WalkAsync(gaps[i], cancellationToken);
            if (found.Count > 0)
            {
                var outcome = await writer.WriteAsync(Delivery(found), cancellationToken);
                (stored, present) = (stored + outcome.Stored, present + outcome.Duplicates);
            }
            if (left is null)
                continue;
            if (failure is null)
            {
                stillMissing.Add(left with { Reason = MissingReason.NotInOpenMetadata });
                continue;
            }
            var detail = $"{failure.Code}: {failure.Message}";
            if (failure.Code != OpenMetadataException.Unreachable)
            {
                // OpenMetadata refused this entity's versions (or answered with something that is
                // not one): the other entities' may still be had.
                stillMissing.Add(left with { Reason = MissingReason.Refused, Detail = detail });
                continue;
            }
            // OpenMetadata is away: asking it about the other gaps would fail alike.
            error = detail;
            stillMissing.Add(left with { Reason = MissingReason.Unreachable, Detail = detail });
            stillMissing.AddRange(gaps.Skip(i + 1).Select(g => g with { Reason = MissingReason.Unreachable, Detail = detail }));
            logger.LogWarning("Version repair stopped: {Error}", error);
            break;
        }
        // One line for every refusal of the run: a token OpenMetadata rejects refuses every gap alike.
        if (stillMissing.FirstOrDefault(g => g.Reason == MissingReason.Refused) is { } refused)
            logger.LogWarning("Version repair: OpenMetadata refused the versions of {Count} gap(s), the first {EntityType} {Entity}: {Error}",
                stillMissing.Count(g => g.Reason == MissingReason.Refused), refused.EntityType, refused.Fqn ?? refused.EntityId.ToString(), refused.Detail);
        if (gaps.Count > 0)
            logger.LogInformation("Version repair: {Gaps} gap(s), {Stored} version(s) stored, {Left} gap(s) left", gaps.Count, stored, stillMissing.Count);
        return new VersionRepairReport(gaps.Count, stored, present, stillMissing, error) { Truncated = gaps.Count >= options.Value.MaxGapsPerRun };
    }

    /// The versions OpenMetadata has between the gap's ends, in order; what is left of the gap
    /// when it has not given all of them (null when closed); and why, when it failed to answer
    /// (the versions found before are kept).
    private async Task<(List<(ChangeEventMessage Message, string Json)> Found, VersionGap? Left, OpenMetadataException? Failure)> WalkAsync(
        VersionGap gap, CancellationToken cancellationToken)
    {
        var found = new List<(ChangeEventMessage Message, string Json)>();
        var current = gap.AfterVersion;
        try
        {
            while (true)
            {
                (ChangeEventMessage Message, string Json)? next = null;
                foreach (var step in new[] { 0.1m, 1.0m })
                {
                    var candidate = current + step;
                    if (candidate >= gap.BeforeVersion)
                        return (found, candidate == gap.BeforeVersion ? null : gap with { AfterVersion = current }, null);
                    if ((next = await FetchAsync(gap, current, candidate, cancellationToken)) is not null)
                        break;
                }
                if (next is null)
                    return (found, gap with { AfterVersion = current }, null);
                found.Add(next.Value);
                current = next.Value.Message.Version!.Value;
            }
        }
        catch (OpenMetadataException ex)
        {
            return (found, gap with { AfterVersion = current }, ex);
        }
    }

    /// The version as an event, or null when OpenMetadata has no such version (404). An answer
    /// that is not this version of this entity is refused: OpenMetadata's answers are checked
    /// like any input, and a bad one is not taken for "no such version".
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
        JsonObject? entity;
        try
        {
            entity = JsonNode.Parse(json, documentOptions: StrictText.JsonOptions) as JsonObject;
        }
        catch (JsonException ex)
        {
            throw NotTheVersion(gap, version, $"is not JSON ({ex.Message})");
        }
        if (entity is null)
            throw NotTheVersion(gap, version, "is not an entity");
        var made = AsEvent(gap.EntityType, gap.EntityId, gap.Fqn, previous, version, entity,
            entity["updatedAt"] is JsonValue at && at.TryGetValue<long>(out var ms) ? ms : await TimeOfAsync(gap, cancellationToken));
        return made is { Message.Entity.Version: { } got } && got == version && made.Value.Message.EntityId == gap.EntityId
            ? made
            : throw NotTheVersion(gap, version, "is another entity or version, or not a readable entity");
    }

    private static OpenMetadataException NotTheVersion(VersionGap gap, decimal version, string what) =>
        new(OpenMetadataException.Refused, $"OpenMetadata's answer for version {version.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {gap.EntityType} {gap.EntityId} {what}.");

    /// A version as OpenMetadata keeps it, made into the event that would have announced it:
    /// an `entityUpdated` carrying the entity, at its `updatedAt` (else `time`), by its `updatedBy`
    /// (through its `impersonatedBy`).
    private (ChangeEventMessage Message, string Json)? AsEvent(string entityType, Guid entityId, string? fqn, decimal previous, decimal version, JsonObject entity, long time)
    {
        var node = new JsonObject
        {
            ["eventType"] = EventTypes.EntityUpdated,
            ["entityType"] = entityType,
            ["entityId"] = entityId.ToString(),
            ["entityFullyQualifiedName"] = (entity["fullyQualifiedName"] as JsonValue)?.ToString() ?? fqn,
            ["previousVersion"] = previous,
            ["currentVersion"] = version,
            ["timestamp"] = entity["updatedAt"] is JsonValue at && at.TryGetValue<long>(out var ms) ? ms : time,
            ["userName"] = (entity["updatedBy"] as JsonValue)?.ToString(),
            ["impersonatedBy"] = (entity["impersonatedBy"] as JsonValue)?.ToString(),
            ["entity"] = entity.DeepClone(),
        };
        var text = node.ToJsonString();
        using var document = JsonDocument.Parse(text);
        var (message, _) = DeliveryParser.ParseEvent(document.RootElement, codec);
        return message is null ? null : (message, text);
    }

    /// Versions OpenMetadata lists (its history endpoint) that the history lacks, stored as
    /// VERSION_REPAIR events; versions it has already are left alone. Each listed item must be an
    /// entity of this type with an id, a version and an update time; others are not stored.
    /// How many versions were listed, and how many stored.
    public async Task<(int Listed, int Stored)> StoreListedAsync(string entityType, IReadOnlyList<string> listed, CancellationToken cancellationToken)
    {
        var candidates = new List<(Guid Id, decimal Version, JsonObject Entity, long Time)>();
        foreach (var json in listed)
        {
            JsonObject? entity;
            try
            {
                entity = JsonNode.Parse(json, documentOptions: StrictText.JsonOptions) as JsonObject;
            }
            catch (JsonException)
            {
                continue;
            }
            if (entity?["id"] is JsonValue idValue && Guid.TryParse(idValue.ToString(), out var id)
                && entity["version"] is JsonValue versionValue && versionValue.TryGetValue<decimal>(out var version)
                && entity["updatedAt"] is JsonValue at && at.TryGetValue<long>(out var time))
                candidates.Add((id, version, entity, time));
        }
        if (candidates.Count == 0)
            return (listed.Count, 0);
        var ids = candidates.Select(c => c.Id).Distinct().ToList();
        List<(Guid EntityId, decimal Version)> stored;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            stored = (await db.EntityVersions.AsNoTracking().Where(v => ids.Contains(v.EntityId)).Select(v => new { v.EntityId, v.Version }).ToListAsync(cancellationToken))
                .Select(v => (v.EntityId, v.Version)).ToList();
        var have = stored.ToHashSet();
        var found = new List<(ChangeEventMessage Message, string Json)>();
        foreach (var (id, version, entity, time) in candidates.Where(c => !have.Contains((c.Id, c.Version))).OrderBy(c => c.Id).ThenBy(c => c.Version))
        {
            // The version before it: the highest known below it, here or in this listing.
            var below = stored.Where(v => v.EntityId == id && v.Version < version).Select(v => v.Version)
                .Concat(candidates.Where(c => c.Id == id && c.Version < version).Select(c => c.Version)).DefaultIfEmpty(version).Max();
            if (AsEvent(entityType, id, null, below, version, entity, time) is { } made && made.Message.EntityId == id)
                found.Add(made);
        }
        if (found.Count == 0)
            return (listed.Count, 0);
        var outcome = await writer.WriteAsync(Delivery(found), cancellationToken);
        return (listed.Count, outcome.Stored);
    }

    // Without an updatedAt the version is placed at the time of the version before the gap.
    private async Task<long> TimeOfAsync(VersionGap gap, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var at = await db.EntityVersions.Where(v => v.EntityId == gap.EntityId && v.Version == gap.AfterVersion).Select(v => v.ChangedAt).FirstAsync(cancellationToken);
        return OpenMetadataClient.EpochMilliseconds(at);
    }

    /// The versions as one delivery; its body (kept only should the store refuse the events) is
    /// the events' JSON as made, not unpacked again.
    private IncomingDelivery Delivery(List<(ChangeEventMessage Message, string Json)> found)
    {
        var body = Encoding.UTF8.GetBytes("{\"data\":[" + string.Join(",", found.Select(f => f.Json)) + "]}");
        return new IncomingDelivery(clock.GetUtcNow().UtcDateTime, body, found.Select(f => f.Message).ToList(), [], Origin: EventOrigin.VersionRepair);
    }
}
