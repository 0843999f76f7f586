using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;

namespace HistoryGraph.Notifications.Messages;

/// An email: the title as subject, a plain-text body and an HTML body saying the same (facts
/// as a table, changes as a list with their values as code, a link to the asset), every value
/// HTML-escaped. A template gives the text of both.
public static class EmailMessage
{
    public const int MaxSubjectChars = 200;

    public static MimeMessage Build(MessageDocument document, MessageTemplate? template, string from, IEnumerable<string> to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var address in to)
            message.To.Add(MailboxAddress.Parse(address));
        message.Subject = EventNotice.Excerpt(document.Title, MaxSubjectChars);
        message.Date = document.Timestamp == default ? DateTimeOffset.UtcNow : new DateTimeOffset(DateTime.SpecifyKind(document.Timestamp, DateTimeKind.Utc));
        message.Headers.Add("X-HistoryGraph-Key", document.Key);
        var text = template?.Render(document, value => value);
        message.Body = new BodyBuilder { TextBody = Text(document, text), HtmlBody = Html(document, text) }.ToMessageBody();
        return message;
    }

    private static string Text(MessageDocument document, string? text)
    {
        var body = new StringBuilder().AppendLine(document.Title).AppendLine();
        if (text is not null)
        {
            body.AppendLine(text);
        }
        else
        {
            body.AppendLine(document.Summary).AppendLine();
            foreach (var fact in document.Facts)
                body.Append(fact.Label).Append(": ").AppendLine(fact.Value);
            foreach (var section in document.Sections)
            {
                body.AppendLine().AppendLine(section.Heading);
                foreach (var item in section.Items)
                {
                    body.Append("- ").Append(item.Lead);
                    if (item.Detail is { } detail)
                        body.Append(' ').Append(detail);
                    if (item.HasValues)
                        body.Append(": ").Append(item.Old ?? "none").Append(" -> ").Append(item.New ?? "none");
                    if (item.Url is { } url)
                        body.Append(" <").Append(url).Append('>');
                    body.AppendLine();
                }
                if (section.More > 0)
                    body.Append("...and ").AppendLine(EventNotice.Count(section.More, "more"));
            }
        }
        if (document.Link is { } link)
            body.AppendLine().Append(document.LinkLabel).Append(": ").AppendLine(link);
        return body.AppendLine().AppendLine("-- ").AppendLine(document.Footer).ToString();
    }

    private static string Html(MessageDocument document, string? text)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var colour = document.Alert ? "#cf222e" : "#0969da";
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#1f2328\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"color:{colour};font-size:18px\">{E(document.Title)}</h2>");
        if (text is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div style=\"white-space:pre-wrap\">{E(text)}</div>");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(document.Summary)}</p>");
            if (document.Facts.Count > 0)
            {
                html.Append("<table style=\"border-collapse:collapse\">");
                foreach (var fact in document.Facts)
                    html.Append(CultureInfo.InvariantCulture, $"<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">{E(fact.Label)}</th><td>{E(fact.Value)}</td></tr>");
                html.Append("</table>");
            }
            foreach (var section in document.Sections)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h3 style=\"font-size:15px\">{E(section.Heading)}</h3><ul>");
                foreach (var item in section.Items)
                {
                    html.Append("<li>").Append(item.Url is { } url ? $"<a href=\"{E(url)}\"><b>{E(item.Lead)}</b></a>" : $"<b>{E(item.Lead)}</b>");
                    if (item.Detail is { } detail)
                        html.Append(' ').Append(E(detail));
                    if (item.HasValues)
                        html.Append(": ").Append(Code(item.Old)).Append(" &rarr; ").Append(Code(item.New));
                    html.Append("</li>");
                }
                if (section.More > 0)
                    html.Append(CultureInfo.InvariantCulture, $"<li><i>…and {E(EventNotice.Count(section.More, "more"))}</i></li>");
                html.Append("</ul>");
            }
        }
        if (document.Link is { } link)
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(link)}\">{E(document.LinkLabel)}</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#57606a;font-size:12px\">{E(document.Footer)}</p></body></html>");
        return html.ToString();

        static string Code(string? value) => value is null ? "<i>none</i>" : $"<code>{WebUtility.HtmlEncode(value)}</code>";
    }
}
