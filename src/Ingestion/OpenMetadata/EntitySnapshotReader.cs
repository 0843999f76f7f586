using System.Text.Json;
using static HistoryGraph.Ingestion.OpenMetadata.JsonValues;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// Reads the indexed fields out of an entity JSON object, whatever its entity type.
public static class EntitySnapshotReader
{
    /// The entity, parsed; json is its text.
    public static EntitySnapshot? Read(JsonElement e, string json)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return null;

        var tags = Property(e, "tags");
        return new EntitySnapshot(
            Json: json,
            Id: Guid(e, "id"),
            Fqn: String(e, "fullyQualifiedName"),
            Name: String(e, "name"),
            DisplayName: String(e, "displayName"),
            Description: String(e, "description"),
            OwnersJson: Owners(e),
            TagsJson: tags is { ValueKind: JsonValueKind.Array } t ? t.GetRawText() : null,
            Tier: tags is { ValueKind: JsonValueKind.Array } ta ? Tier(ta) : null,
            Service: Service(e),
            Version: Decimal(e, "version"),
            UpdatedAt: Timestamp(e, "updatedAt"),
            UpdatedBy: String(e, "updatedBy"),
            ImpersonatedBy: String(e, "impersonatedBy"),
            Deleted: Boolean(e, "deleted"),
            IsBot: Boolean(e, "isBot"),
            TagFqns: tags is { ValueKind: JsonValueKind.Array } tl ? NamesOf(tl, "tagFQN") : [],
            OwnerNames: OwnerNames(e),
            FollowerNames: Followers.Listed(e));
    }

    // Releases before 1.3 had a single `owner` reference; later ones an `owners` list.
    // Both are stored as a list so that queries need to know only one shape.
    private static string? Owners(JsonElement e)
    {
        if (Property(e, "owners") is { } owners)
            return owners.ValueKind == JsonValueKind.Array ? owners.GetRawText() : EmbeddedJson(owners).Json;
        if (Property(e, "owner") is { ValueKind: JsonValueKind.Object } owner)
            return $"[{owner.GetRawText()}]";
        return null;
    }

    private static List<string> OwnerNames(JsonElement e) => Property(e, "owners") is { } owners
        ? NamesOf(owners)
        : Property(e, "owner") is { ValueKind: JsonValueKind.Object } owner && String(owner, "name") is { } name ? [name] : [];

    // The tier is a classification tag named Tier.<level>.
    private static string? Tier(JsonElement tags) => tags.EnumerateArray()
        .Select(t => String(t, "tagFQN"))
        .FirstOrDefault(fqn => fqn is not null && fqn.StartsWith("Tier.", StringComparison.Ordinal));

    private static string? Service(JsonElement e) => Property(e, "service") switch
    {
        { ValueKind: JsonValueKind.Object } s => String(s, "fullyQualifiedName") ?? String(s, "name"),
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        _ => null,
    };
}
