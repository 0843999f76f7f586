using System.Text;
using System.Text.Json.Nodes;

namespace HistoryGraph.Notifications.Messages;

/// Slack's Block Kit for incoming webhooks: a header, the summary with the facts as fields, a
/// section per change, a button to the asset and a context line, within Slack's limits (50
/// blocks, 150 characters of header, 3,000 of section text, 10 fields of 2,000), and `text`
/// for notifications and clients without blocks. Values are escaped for mrkdwn (&, <, >).
public static class SlackMessage
{
    public const int MaxBlocks = 50;
    public const int MaxHeaderChars = 150;
    public const int MaxSectionChars = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldChars = 2000;
    public const int MaxTextChars = 3000;

    public static JsonObject Build(MessageDocument document, MessageTemplate? template)
    {
        var blocks = new JsonArray { Header(document.Title) };
        var text = template?.Render(document, Escape);
        var summary = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Cut(text ?? Escape(document.Summary), MaxSectionChars)) };
        if (document.Facts.Count > 0)
            summary["fields"] = new JsonArray(document.Facts.Take(MaxFields).Select(f => (JsonNode)Mrkdwn(Cut($"*{Escape(f.Label)}*\n{Escape(f.Value)}", MaxFieldChars))).ToArray());
        blocks.Add(summary);

        // Room is kept for the more-line, the button and the context.
        var room = MaxBlocks - blocks.Count - 3;
        if (text is null)
        {
            foreach (var section in document.Sections)
            {
                if (room <= 0)
                    break;
                blocks.Add(Section($"*{Escape(section.Heading)}*"));
                room--;
                var shown = 0;
                foreach (var item in section.Items.Take(Math.Max(0, room)))
                {
                    blocks.Add(Section(Line(item)));
                    shown++;
                }
                room -= shown;
                var more = section.More + section.Items.Count - shown;
                if (more > 0)
                {
                    blocks.Add(Context($"…and {EventNotice.Count(more, "more")}"));
                    room--;
                }
            }
        }
        if (document.Link is { } link)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = document.LinkLabel },
                    ["url"] = link,
                }),
            });
        }
        blocks.Add(Context(Escape(document.Footer)));
        return new JsonObject
        {
            ["text"] = Cut(Escape($"{document.Title}: {document.Summary}"), MaxTextChars),
            ["blocks"] = blocks,
        };
    }

    /// A change or an item as one mrkdwn line: the lead in bold (linked when it has a URL),
    /// the detail, and the values before and after as code.
    private static string Line(MessageItem item)
    {
        var line = new StringBuilder();
        line.Append(item.Url is { } url ? $"<{url}|*{Escape(item.Lead).Replace("|", "¦", StringComparison.Ordinal)}*>" : $"*{Escape(item.Lead)}*");
        if (item.Detail is { } detail)
            line.Append(' ').Append(Escape(detail));
        if (item.HasValues)
            line.Append('\n').Append(Code(item.Old)).Append(" → ").Append(Code(item.New));
        return Cut(line.ToString(), MaxSectionChars);
    }

    private static string Code(string? value) => value is null ? "_none_" : $"`{Escape(value).Replace('`', 'ˋ')}`";

    /// mrkdwn's control characters; Slack asks for these three to be escaped and no others.
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Header(string title) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = EventNotice.Excerpt(title, MaxHeaderChars), ["emoji"] = true },
    };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(Cut(mrkdwn, MaxSectionChars)) };

    private static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(Cut(mrkdwn, MaxSectionChars))) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// Cut after escaping, never inside an entity such as &amp;.
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = EventNotice.Excerpt(text, max);
        var amp = cut.LastIndexOf('&');
        return amp >= 0 && cut.IndexOf(';', amp) < 0 ? string.Concat(cut.AsSpan(0, amp), "…") : cut;
    }
}
