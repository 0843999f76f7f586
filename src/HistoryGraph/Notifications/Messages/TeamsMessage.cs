using System.Text.Json.Nodes;

namespace HistoryGraph.Notifications.Messages;

/// A Microsoft Teams incoming-webhook (or Workflows) message carrying an Adaptive Card 1.4: the
/// title, the summary, the facts as a FactSet, each change as a rich text line with its values
/// in monospace, and a button to the asset. Text runs are plain text, so values need no
/// escaping; the card is kept under the 28 KB Teams accepts by dropping changes from the end.
public static class TeamsMessage
{
    public const int MaxBytes = 28_000;

    public static JsonObject Build(MessageDocument document, MessageTemplate? template)
    {
        var text = template?.Render(document, value => value);
        return ByteBudget.Fit(text is null ? document.Sections.Sum(s => s.Items.Count) : 0, MaxBytes, items => Message(document, text, items));
    }

    private static JsonObject Message(MessageDocument document, string? text, int maxItems)
    {
        var body = new JsonArray
        {
            Rich(new JsonObject
            {
                ["type"] = "TextRun",
                ["text"] = document.Title,
                ["weight"] = "Bolder",
                ["size"] = "Medium",
                ["color"] = document.Alert ? "Attention" : "Default",
            }),
            Rich(Run(EventNotice.Excerpt(text ?? document.Summary, 20_000))),
        };
        if (document.Facts.Count > 0)
            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray(document.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value }).ToArray()) });
        if (text is null)
        {
            var left = maxItems;
            foreach (var section in document.Sections)
            {
                body.Add(Rich(Run(section.Heading, bold: true)));
                var shown = section.Items.Take(Math.Max(0, left)).ToList();
                left -= shown.Count;
                foreach (var item in shown)
                    body.Add(Line(item));
                var more = section.More + section.Items.Count - shown.Count;
                if (more > 0)
                    body.Add(Rich(Run($"…and {EventNotice.Count(more, "more")}", subtle: true)));
            }
        }
        body.Add(Rich(Run(document.Footer, subtle: true)));
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (document.Link is { } link)
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = document.LinkLabel, ["url"] = link });
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
    }

    private static JsonObject Line(MessageItem item)
    {
        var runs = new List<JsonObject> { Run(item.Lead, bold: true, url: item.Url) };
        if (item.Detail is { } detail)
            runs.Add(Run(" " + detail));
        if (item.HasValues)
        {
            runs.Add(Run(": "));
            runs.Add(Run(item.Old ?? "none", monospace: item.Old is not null));
            runs.Add(Run(" → "));
            runs.Add(Run(item.New ?? "none", monospace: item.New is not null));
        }
        return Rich([.. runs]);
    }

    private static JsonObject Rich(params JsonObject[] runs) => new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(runs) };

    private static JsonObject Run(string text, bool bold = false, bool monospace = false, bool subtle = false, string? url = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
            run["weight"] = "Bolder";
        if (monospace)
            run["fontType"] = "Monospace";
        if (subtle)
            run["isSubtle"] = true;
        if (url is not null)
            run["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = url };
        return run;
    }
}
