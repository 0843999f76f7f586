using System.Text;
using System.Text.Json.Nodes;

namespace HistoryGraph.Notifications.Messages;

/// A Telegram Bot API `sendMessage` in MarkdownV2: the title in bold, the summary, the facts,
/// the changes with their values as code and a link to the asset, at most 4,096 characters.
/// Every character MarkdownV2 reserves is escaped outside code (_*[]()~`>#+-=|{}.! and the
/// backslash), and inside code only ` and \, as Telegram requires: a message with one missed
/// is refused whole.
public static class TelegramMessage
{
    public const int MaxTextChars = 4096;

    public static JsonObject Build(MessageDocument document, MessageTemplate? template, string chatId) => new()
    {
        ["chat_id"] = chatId,
        ["text"] = Text(document, template),
        ["parse_mode"] = "MarkdownV2",
        ["link_preview_options"] = new JsonObject { ["is_disabled"] = true },
    };

    public static string Text(MessageDocument document, MessageTemplate? template)
    {
        var link = document.Link is { } url ? $"\n\n[{Escape(document.LinkLabel)}]({EscapeUrl(url)})" : "";
        var text = new StringBuilder($"*{Escape(document.Title)}*\n");
        if (template is not null)
        {
            text.Append(template.Render(document, Escape));
            return Cut(text.ToString(), MaxTextChars - link.Length) + link;
        }
        text.Append(Escape(document.Summary)).Append('\n');
        foreach (var fact in document.Facts)
            text.Append('\n').Append('*').Append(Escape(fact.Label)).Append(":* ").Append(Escape(fact.Value));
        var max = MaxTextChars - link.Length;
        MarkdownSections.Append(text, document.Sections, max, heading => $"*{Escape(heading)}*", Line, Escape);
        return Cut(text.ToString(), max) + link;
    }

    private static string Line(MessageItem item)
    {
        var lead = item.Url is { } url ? $"[*{Escape(item.Lead)}*]({EscapeUrl(url)})" : $"*{Escape(item.Lead)}*";
        var line = item.Detail is { } detail ? $"{lead} {Escape(detail)}" : lead;
        return item.HasValues ? $"{line}: {Code(item.Old)} → {Code(item.New)}" : line;
    }

    private static string Code(string? value) => value is null ? "_none_" : $"`{EscapeCode(value)}`";

    private const string Reserved = "_*[]()~`>#+-=|{}.!\\";

    /// MarkdownV2 outside code and links: every reserved character after a backslash.
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Reserved.Contains(c, StringComparison.Ordinal))
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// Inside `code`: only the backquote and the backslash.
    public static string EscapeCode(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);

    /// Inside a link's (...): only ) and the backslash.
    public static string EscapeUrl(string url) => url.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);

    /// Cut at the last line that fits whole: cutting inside a line could split an escape, a
    /// code span or a bold run, and Telegram refuses unbalanced markup.
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var end = text.LastIndexOf('\n', max - 2);
        return end > 0 ? text[..end] + "\n…" : "…";
    }
}
