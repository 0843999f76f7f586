using System.Net;
using System.Text.Json.Nodes;

namespace HistoryGraph.Notifications.Messages;

/// A Google Chat space webhook message: `text` for notifications and a card (cardsV2) with a
/// header, the facts as decorated text, the changes as paragraphs and a button to the asset.
/// Card text takes Google Chat's small HTML subset, so values are HTML-escaped; the message is
/// kept under the 32,000 bytes Chat accepts by dropping changes from the end.
public static class GoogleChatMessage
{
    public const int MaxBytes = 32_000;
    public const int MaxTextChars = 4096;

    public static JsonObject Build(MessageDocument document, MessageTemplate? template)
    {
        var text = template?.Render(document, Escape);
        return ByteBudget.Fit(text is null ? document.Sections.Sum(s => s.Items.Count) : 0, MaxBytes, items => Message(document, text, items));
    }

    private static JsonObject Message(MessageDocument document, string? text, int maxItems)
    {
        var sections = new JsonArray();
        var summary = new JsonArray { Paragraph(EventNotice.Excerpt(text ?? Escape(document.Summary), MaxTextChars)) };
        foreach (var fact in document.Facts)
            summary.Add(new JsonObject { ["decoratedText"] = new JsonObject { ["topLabel"] = fact.Label, ["text"] = Escape(fact.Value), ["wrapText"] = true } });
        sections.Add(new JsonObject { ["widgets"] = summary });
        if (text is null)
        {
            var left = maxItems;
            foreach (var section in document.Sections)
            {
                var shown = section.Items.Take(Math.Max(0, left)).ToList();
                left -= shown.Count;
                var widgets = new JsonArray(shown.Select(i => (JsonNode)Paragraph(Line(i))).ToArray());
                var more = section.More + section.Items.Count - shown.Count;
                if (more > 0)
                    widgets.Add(Paragraph($"<i>…and {EventNotice.Count(more, "more")}</i>"));
                if (widgets.Count > 0)
                    sections.Add(new JsonObject { ["header"] = Escape(section.Heading), ["widgets"] = widgets });
            }
        }
        if (document.Link is { } link)
        {
            sections.Add(new JsonObject
            {
                ["widgets"] = new JsonArray(new JsonObject
                {
                    ["buttonList"] = new JsonObject
                    {
                        ["buttons"] = new JsonArray(new JsonObject
                        {
                            ["text"] = document.LinkLabel,
                            ["onClick"] = new JsonObject { ["openLink"] = new JsonObject { ["url"] = link } },
                        }),
                    },
                }),
            });
        }
        return new JsonObject
        {
            ["text"] = EventNotice.Excerpt($"{document.Title}: {document.Summary}", MaxTextChars),
            ["cardsV2"] = new JsonArray(new JsonObject
            {
                ["cardId"] = $"historygraph-{document.Key}",
                ["card"] = new JsonObject
                {
                    ["header"] = new JsonObject { ["title"] = document.Title, ["subtitle"] = document.Footer },
                    ["sections"] = sections,
                },
            }),
        };
    }

    private static string Line(MessageItem item)
    {
        var lead = item.Url is { } url ? $"<a href=\"{Escape(url)}\"><b>{Escape(item.Lead)}</b></a>" : $"<b>{Escape(item.Lead)}</b>";
        var line = item.Detail is { } detail ? $"{lead} {Escape(detail)}" : lead;
        return item.HasValues ? $"{line}: {Code(item.Old)} → {Code(item.New)}" : line;
    }

    private static string Code(string? value) => value is null ? "<i>none</i>" : $"<font color=\"#57606a\">{Escape(value)}</font>";

    private static JsonObject Paragraph(string html) => new() { ["textParagraph"] = new JsonObject { ["text"] = html } };

    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
