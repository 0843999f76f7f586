namespace HistoryGraph.Notifications.Messages;

/// Links to assets in OpenMetadata's UI, by entity type and fully qualified name, as the UI
/// routes them (a glossary term under /glossary, a user under /users, most under /<type>).
/// The UI's address is `uiUrl` when set, else the API's address without its `/api`; with
/// neither there are no links.
public sealed class AssetLinks(string? uiUrl, string? apiUrl)
{
    private readonly string? _base = Base(uiUrl, apiUrl);

    public string? Of(string entityType, string? fqn)
    {
        if (_base is null || string.IsNullOrEmpty(fqn))
            return null;
        var path = entityType switch
        {
            "glossaryTerm" or "glossary" => "glossary",
            "user" => "users",
            "team" => "settings/members/teams",
            "tag" or "classification" => "tags",
            _ => entityType,
        };
        return $"{_base}/{path}/{Uri.EscapeDataString(fqn)}";
    }

    private static string? Base(string? ui, string? api)
    {
        if (!string.IsNullOrWhiteSpace(ui))
            return ui.TrimEnd('/');
        if (api is null || string.IsNullOrWhiteSpace(api))
            return null;
        var trimmed = api.TrimEnd('/');
        return trimmed.EndsWith("/api", StringComparison.OrdinalIgnoreCase) ? trimmed[..^4] : trimmed;
    }
}
