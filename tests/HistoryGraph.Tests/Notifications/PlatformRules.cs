using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HistoryGraph.Tests.Notifications;

/// What each service documents that it refuses, checked on the message as received: each
/// returns the service's reason for refusing, or null when the service would accept.
public static class PlatformRules
{
    /// Slack Block Kit: at most 50 blocks; a header's plain text at most 150 characters; a
    /// section's text at most 3,000, at most 10 fields of 2,000; a button's URL at most 3,000.
    public static string? Slack(string body)
    {
        var message = JsonNode.Parse(body)!.AsObject();
        if (message["text"] is null && message["blocks"] is null)
            return "no_text";
        var blocks = message["blocks"]?.AsArray() ?? [];
        if (blocks.Count > 50)
            return "invalid_blocks: more than 50 blocks";
        foreach (var block in blocks)
        {
            var type = block!["type"]!.GetValue<string>();
            switch (type)
            {
                case "header" when block["text"]!["type"]!.GetValue<string>() != "plain_text" || block["text"]!["text"]!.GetValue<string>().Length > 150:
                    return "invalid_blocks: header text must be plain_text of at most 150 characters";
                case "section":
                    if (block["text"]?["text"]?.GetValue<string>() is { Length: > 3000 })
                        return "invalid_blocks: section text longer than 3000";
                    if (block["fields"] is JsonArray fields && (fields.Count > 10 || fields.Any(f => f!["text"]!.GetValue<string>().Length > 2000)))
                        return "invalid_blocks: more than 10 fields or a field longer than 2000";
                    break;
                case "actions" when block["elements"]!.AsArray().Any(e => e!["url"]?.GetValue<string>() is { Length: > 3000 }):
                    return "invalid_blocks: url longer than 3000";
                case "context" when block["elements"]!.AsArray().Count > 10:
                    return "invalid_blocks: more than 10 context elements";
                case "header" or "section" or "actions" or "context" or "divider":
                    break;
                default:
                    return $"invalid_blocks: unknown block type {type}";
            }
        }
        return null;
    }

    /// Discord: at most 10 embeds; title 256, description 4,096, 25 fields with names of 256 and
    /// values of 1,024 (neither empty), footer 2,048, 6,000 characters in an embed; a colour as a
    /// number; an ISO 8601 timestamp.
    public static string? Discord(string body)
    {
        var message = JsonNode.Parse(body)!.AsObject();
        var embeds = message["embeds"]?.AsArray() ?? [];
        if (embeds.Count == 0 && message["content"] is null)
            return """{"message": "Cannot send an empty message", "code": 50006}""";
        if (embeds.Count > 10)
            return """{"embeds": ["Must be 10 or fewer in length."]}""";
        foreach (var embed in embeds)
        {
            var title = embed!["title"]?.GetValue<string>() ?? "";
            var description = embed["description"]?.GetValue<string>() ?? "";
            var footer = embed["footer"]?["text"]?.GetValue<string>() ?? "";
            var fields = embed["fields"]?.AsArray() ?? [];
            if (title.Length > 256 || description.Length > 4096 || footer.Length > 2048 || fields.Count > 25)
                return """{"embeds": ["0"], "message": "Invalid Form Body"}""";
            var total = title.Length + description.Length + footer.Length;
            foreach (var field in fields)
            {
                var name = field!["name"]!.GetValue<string>();
                var value = field["value"]!.GetValue<string>();
                if (name.Length is 0 or > 256 || value.Length is 0 or > 1024)
                    return """{"embeds": ["0"], "message": "Invalid Form Body: field"}""";
                total += name.Length + value.Length;
            }
            if (total > 6000)
                return """{"embeds": ["Embed size exceeds maximum size of 6000"]}""";
            if (embed["color"] is { } colour && colour.GetValueKind() != JsonValueKind.Number)
                return """{"embeds": ["0"], "message": "color: Value is not int."}""";
            if (embed["timestamp"] is { } timestamp && !DateTimeOffset.TryParse(timestamp.GetValue<string>(), out _))
                return """{"embeds": ["0"], "message": "timestamp: Could not interpret as ISO8601."}""";
        }
        return null;
    }

    /// Telegram sendMessage with parse_mode MarkdownV2: a chat, a text of 1 to 4,096 characters
    /// once its entities are parsed, and the markup well formed: every reserved character outside
    /// code escaped, bold, italic and code closed, links as [text](url) with ) and \ escaped in the url.
    public static string? Telegram(string body)
    {
        var message = JsonNode.Parse(body)!.AsObject();
        if (message["chat_id"] is null)
            return Refusal("Bad Request: chat_id is empty");
        if (message["parse_mode"]?.GetValue<string>() != "MarkdownV2")
            return Refusal("Bad Request: unsupported parse_mode");
        var text = message["text"]?.GetValue<string>() ?? "";
        return MarkdownV2(text) is { } problem ? Refusal($"Bad Request: can't parse entities: {problem}") : null;

        static string Refusal(string description) => JsonSerializer.Serialize(new { ok = false, error_code = 400, description });
    }

    /// The text Telegram would show, or why it refuses the markup.
    public static string? MarkdownV2(string text)
    {
        const string reserved = "_*[]()~`>#+-=|{}.!";
        var shown = new StringBuilder();
        bool bold = false, italic = false, link = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                    return "a lone \\ ends the text";
                shown.Append(text[++i]);
                continue;
            }
            switch (c)
            {
                case '*':
                    bold = !bold;
                    continue;
                case '_':
                    italic = !italic;
                    continue;
                case '`':
                    var end = i + 1;
                    for (; end < text.Length && text[end] != '`'; end++)
                    {
                        if (text[end] == '\\')
                        {
                            if (end + 1 >= text.Length || text[end + 1] is not ('`' or '\\'))
                                return $"Character '{(end + 1 < text.Length ? text[end + 1] : ' ')}' may not be escaped in code";
                            shown.Append(text[++end]);
                        }
                        else
                        {
                            shown.Append(text[end]);
                        }
                    }
                    if (end >= text.Length)
                        return "Can't find end of Code entity";
                    i = end;
                    continue;
                case '[' when !link:
                    link = true;
                    continue;
                case ']' when link:
                    if (i + 1 >= text.Length || text[i + 1] != '(')
                        return "Character ']' is reserved and must be escaped with the preceding '\\'";
                    var close = i + 2;
                    for (; close < text.Length && text[close] != ')'; close++)
                    {
                        if (text[close] == '\\')
                            close++;
                    }
                    if (close >= text.Length)
                        return "Can't find end of the URL";
                    link = false;
                    i = close;
                    continue;
            }
            if (reserved.Contains(c))
                return $"Character '{c}' is reserved and must be escaped with the preceding '\\'";
            shown.Append(c);
        }
        if (bold || italic || link)
            return "Can't find end of the entity";
        return shown.Length is 0 or > 4096 ? "message text is empty or too long" : null;
    }

    /// Teams: a message whose attachment is an Adaptive Card with a schema version, typed
    /// elements, under 28 KB.
    public static string? Teams(string body)
    {
        if (Encoding.UTF8.GetByteCount(body) > 28 * 1024)
            return "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413";
        var message = JsonNode.Parse(body)!.AsObject();
        var attachment = message["attachments"]?[0];
        if (message["type"]?.GetValue<string>() != "message" || attachment?["contentType"]?.GetValue<string>() != "application/vnd.microsoft.card.adaptive")
            return "Bad payload received by generic incoming webhook.";
        var card = attachment["content"]!;
        if (card["type"]?.GetValue<string>() != "AdaptiveCard" || card["version"] is null)
            return "Bad payload: not an AdaptiveCard";
        return card["body"]!.AsArray().All(e => e!["type"] is not null) ? null : "Bad payload: an element without a type";
    }

    /// Google Chat: text or cards, each card with an id and sections of widgets, under 32,000 bytes.
    public static string? GoogleChat(string body)
    {
        if (Encoding.UTF8.GetByteCount(body) > 32_000)
            return """{"error": {"code": 400, "message": "Message too large", "status": "INVALID_ARGUMENT"}}""";
        var message = JsonNode.Parse(body)!.AsObject();
        if (message["text"] is null && message["cardsV2"] is null)
            return """{"error": {"code": 400, "message": "Message cannot be empty", "status": "INVALID_ARGUMENT"}}""";
        foreach (var card in message["cardsV2"]?.AsArray() ?? [])
        {
            if (card!["cardId"] is null || card["card"]?["sections"] is not JsonArray sections || sections.Any(s => s!["widgets"] is not JsonArray { Count: > 0 }))
                return """{"error": {"code": 400, "message": "Invalid card", "status": "INVALID_ARGUMENT"}}""";
        }
        return null;
    }
}
