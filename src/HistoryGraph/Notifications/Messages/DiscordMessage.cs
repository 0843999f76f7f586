using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HistoryGraph.Notifications.Messages;

/// A Discord webhook message: one embed (colour #58a6ff, a timestamp, a link on the title, the
/// facts as inline fields, the summary and changes as its description, a footer), within
/// Discord's limits (title 256, description 4,096, 25 fields of 256/1,024, footer 2,048, 6,000
/// characters in all), with mentions switched off so that a value can never ping anyone.
/// Values are escaped for Discord's markdown.
public static class DiscordMessage
{
    public const int Colour = 0x58a6ff;
    public const int MaxTitleChars = 256;
    public const int MaxDescriptionChars = 4096;
    public const int MaxFields = 25;
    public const int MaxFieldNameChars = 256;
    public const int MaxFieldValueChars = 1024;
    public const int MaxFooterChars = 2048;
    public const int MaxEmbedChars = 6000;

    public static JsonObject Build(MessageDocument document, MessageTemplate? template)
    {
        var title = EventNotice.Excerpt(document.Title, MaxTitleChars);
        var footer = EventNotice.Excerpt(document.Footer, MaxFooterChars);
        var fields = document.Facts.Take(MaxFields).Select(f => (Name: EventNotice.Excerpt(f.Label, MaxFieldNameChars), Value: Cut(Escape(f.Value), MaxFieldValueChars))).ToList();
        var used = title.Length + footer.Length + fields.Sum(f => f.Name.Length + f.Value.Length);
        var description = Description(document, template, Math.Min(MaxDescriptionChars, MaxEmbedChars - used));

        var embed = new JsonObject
        {
            ["title"] = title,
            ["description"] = description,
            ["color"] = Colour,
            ["timestamp"] = document.Timestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["fields"] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value, ["inline"] = true }).ToArray()),
            ["footer"] = new JsonObject { ["text"] = footer },
        };
        if (document.Link is { } link)
            embed["url"] = link;
        return new JsonObject
        {
            ["username"] = "HistoryGraph",
            ["embeds"] = new JsonArray(embed),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
    }

    private static string Description(MessageDocument document, MessageTemplate? template, int max)
    {
        if (template is not null)
            return Cut(template.Render(document, Escape), max);
        var text = new StringBuilder(Escape(document.Summary));
        MarkdownSections.Append(text, document.Sections, max, heading => $"**{Escape(heading)}**", Line, more => more);
        return Cut(text.ToString(), max);
    }

    private static string Line(MessageItem item)
    {
        var lead = item.Url is { } url ? $"[**{Escape(item.Lead)}**]({url.Replace(")", "%29", StringComparison.Ordinal)})" : $"**{Escape(item.Lead)}**";
        var line = item.Detail is { } detail ? $"{lead} {Escape(detail)}" : lead;
        return item.HasValues ? $"{line}: {Code(item.Old)} → {Code(item.New)}" : line;
    }

    private static string Code(string? value) => value is null ? "*none*" : $"`{value.Replace('`', 'ˋ')}`";

    /// Discord's markdown characters, each escaped with a backslash.
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '#' or '-' or '[' or ']' or '(' or ')' or ':' or '@' or '<')
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// Cut after escaping, never leaving a lone escaping backslash at the end.
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = EventNotice.Excerpt(text, max);
        var body = cut[..^1];
        var backslashes = body.Length - body.TrimEnd('\\').Length;
        return backslashes % 2 == 1 ? string.Concat(body.AsSpan(0, body.Length - 1), "…") : cut;
    }
}
